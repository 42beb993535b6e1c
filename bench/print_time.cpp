// How long printing a summary takes at run time, and proof that its figures are constants: the
// records live in the binary's read-only data (see docs/performance.md), the program only formats.
// Usage: print_time [repetitions]; prints the mean time per summary of resnet152 in microseconds of
// the process's CPU time (std::clock), which the machine's load moves less than wall-clock time.
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sstream>

#include <netshape/print.hpp>
#include <netshape/zoo.hpp>

namespace ns = netshape;
using net = ns::zoo::resnet152;

// Evaluated by the compiler: if this compiles, the table the printer walks is a constant.
static_assert(ns::nodes<net>.size() > 500 && ns::params<net> == 60'192'808);
constexpr const ns::layer_record* table_in_rodata = ns::nodes<net>.data();

int main(int argc, char** argv) {
    const int reps = argc > 1 ? std::atoi(argv[1]) : 200;
    std::size_t bytes = 0;
    const std::clock_t start = std::clock();
    for (int i = 0; i < reps; ++i) {
        std::ostringstream out;
        out << ns::summary<net>();
        bytes += out.str().size();
    }
    const double us = static_cast<double>(std::clock() - start) * 1e6 / CLOCKS_PER_SEC / reps;
    std::cout << "resnet152 summary: " << ns::nodes<net>.size() << " nodes, " << bytes / static_cast<std::size_t>(reps)
              << " bytes, " << us << " us per summary (mean of " << reps << "); table at "
              << static_cast<const void*>(table_in_rodata) << '\n';
    return 0;
}
