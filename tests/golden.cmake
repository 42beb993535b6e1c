# Golden outputs (label "golden"): tests/golden/goldens.cpp prints the whole text of every format
# for a few networks; each output is compared byte for byte with its file in tests/golden/ (one
# test each, golden.<file>). Both compilers' builds compare with the same files, so g++ and clang++
# print byte-identical text. golden.single builds the same program against the generated single
# header (tools/make_single_header.py) and compares every output too.
#
# Updating the files is a deliberate step, never part of a test run:
#   cmake --build build/gcc --target update-goldens   # rewrites tests/golden/*.{txt,md,csv,json,dot}
#   git diff tests/golden                              # review: every change of layout is in the diff
set(netshape_golden_dir ${PROJECT_SOURCE_DIR}/tests/golden)
add_executable(goldens ${netshape_golden_dir}/goldens.cpp)
target_link_libraries(goldens PRIVATE netshape::netshape)
target_compile_options(goldens PRIVATE ${NETSHAPE_WARNINGS})

# One test per output the program knows (its --list, at configure time from the committed files:
# a golden file without an output fails golden.all, as does an output without a file).
file(GLOB netshape_golden_files CONFIGURE_DEPENDS
     ${netshape_golden_dir}/*.txt ${netshape_golden_dir}/*.md ${netshape_golden_dir}/*.csv
     ${netshape_golden_dir}/*.json ${netshape_golden_dir}/*.dot
     ${netshape_golden_dir}/*.svg ${netshape_golden_dir}/*.html)
foreach(file IN LISTS netshape_golden_files)
  get_filename_component(name ${file} NAME)
  add_test(NAME golden.${name} COMMAND goldens --check ${netshape_golden_dir} ${name})
  set_tests_properties(golden.${name} PROPERTIES LABELS "golden;quick")
endforeach()
# Every output has its file, and every file is an output.
add_test(NAME golden.all
  COMMAND ${CMAKE_COMMAND} -DGOLDENS=$<TARGET_FILE:goldens> -DDIR=${netshape_golden_dir}
          -P ${PROJECT_SOURCE_DIR}/tests/golden/check_all.cmake)
set_tests_properties(golden.all PROPERTIES LABELS "golden;quick")

add_custom_target(update-goldens
  COMMAND goldens --write ${netshape_golden_dir}
  COMMENT "Rewriting tests/golden/ from the printer (review with: git diff tests/golden)"
  VERBATIM)

# The single header, generated into the build tree, and the goldens built against it.
find_program(NETSHAPE_SINGLE_PYTHON NAMES python3 HINTS /usr/bin)
if(NETSHAPE_SINGLE_PYTHON)
  file(GLOB_RECURSE netshape_headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/include/netshape/*.hpp)
  set(netshape_single ${PROJECT_BINARY_DIR}/single/netshape_single.hpp)
  add_custom_command(OUTPUT ${netshape_single}
    COMMAND ${NETSHAPE_SINGLE_PYTHON} ${PROJECT_SOURCE_DIR}/tools/make_single_header.py
            --include ${PROJECT_SOURCE_DIR}/include --out ${netshape_single}
    DEPENDS ${PROJECT_SOURCE_DIR}/tools/make_single_header.py ${netshape_headers}
    COMMENT "Generating single/netshape_single.hpp"
    VERBATIM)
  add_custom_target(single_header DEPENDS ${netshape_single})
  add_executable(goldens_single ${netshape_golden_dir}/goldens.cpp ${netshape_single})
  target_compile_definitions(goldens_single PRIVATE NETSHAPE_GOLDEN_SINGLE)
  # Only the generated file: no include/ on the path, so nothing can come from the headers.
  target_include_directories(goldens_single PRIVATE ${PROJECT_BINARY_DIR}/single)
  target_compile_features(goldens_single PRIVATE cxx_std_20)
  target_compile_options(goldens_single PRIVATE ${NETSHAPE_WARNINGS})
  add_test(NAME golden.single COMMAND goldens_single --check ${netshape_golden_dir})
  set_tests_properties(golden.single PROPERTIES LABELS "golden;quick")
endif()

# The outputs the docs show are golden files too: each page must hold its file's text verbatim, in
# a fenced block (so updating the goldens and the docs is one reviewed change).
add_test(NAME golden.docs
  COMMAND ${CMAKE_COMMAND} -DDIR=${netshape_golden_dir} -DROOT=${PROJECT_SOURCE_DIR}
          "-DPAIRS=docs/tutorial.md=tutorial.txt|docs/formats.md=inception.txt|docs/formats.md=residual.fp16.txt"
          -P ${PROJECT_SOURCE_DIR}/tests/golden/check_docs.cmake)
set_tests_properties(golden.docs PROPERTIES LABELS "golden;quick")

# The HTML page in headless Chromium (label "html"; skipped without Debian's chromium): no console
# message, the layers table with a row per text row, the totals and the graph, a screenshot showing
# them (tests/html/check_page.py, which first checks that a broken page is refused).
if(NETSHAPE_SINGLE_PYTHON)
  # The SVG goldens are well-formed XML (a browser draws nothing of a broken one).
  file(GLOB netshape_golden_svgs CONFIGURE_DEPENDS ${netshape_golden_dir}/*.svg)
  add_test(NAME golden.svg_parses
    COMMAND ${NETSHAPE_SINGLE_PYTHON} -c "import sys, xml.dom.minidom; [xml.dom.minidom.parse(f) for f in sys.argv[1:]]"
            ${netshape_golden_svgs})
  set_tests_properties(golden.svg_parses PROPERTIES LABELS "golden;quick")
  add_test(NAME html.chromium
    COMMAND ${NETSHAPE_SINGLE_PYTHON} ${PROJECT_SOURCE_DIR}/tests/html/check_page.py
            --goldens $<TARGET_FILE:goldens> --work ${CMAKE_CURRENT_BINARY_DIR}/html_pages)
  set_tests_properties(html.chromium PROPERTIES LABELS html SKIP_RETURN_CODE 77)
endif()
