# The scripts' conventions (label tools): every script of tools/, bench/ and tests/ has one shebang,
# answers --help while torch, torchvision, onnx and numpy cannot be imported, exits 2 on a usage
# error and 77 (skipped) without the optional package it needs (tests/scripts/check_scripts.py).
find_program(NETSHAPE_PYTHON3 NAMES python3 HINTS /usr/bin)
if(NETSHAPE_PYTHON3)
  add_test(NAME tools.script_conventions COMMAND ${NETSHAPE_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/scripts/check_scripts.py)
  set_tests_properties(tools.script_conventions PROPERTIES LABELS tools TIMEOUT 600)
endif()
