// netshape/netshape.hpp: everything compile-time (no <iostream>; printing is netshape/print.hpp).
#pragma once

#include <netshape/shape.hpp>
#include <netshape/kind.hpp>
#include <netshape/options.hpp>
#include <netshape/spec.hpp>
#include <netshape/layer_record.hpp>
#include <netshape/errors.hpp>
#include <netshape/kind_rule.hpp>
#include <netshape/detail/nodes.hpp>    // these two first here: keeps the include chain in
#include <netshape/detail/options.hpp>  // diagnostics short (clang shows every level)
#include <netshape/kinds.hpp>  // every layer kind and its layer templates (layers/, input, identity)
#include <netshape/composition/branches.hpp>
#include <netshape/composition/input.hpp>
#include <netshape/composition/named.hpp>
#include <netshape/composition/network.hpp>
#include <netshape/composition/outputs.hpp>
#include <netshape/composition/sequential.hpp>
#include <netshape/composition/shared.hpp>
#include <netshape/figures.hpp>
#include <netshape/memory.hpp>
