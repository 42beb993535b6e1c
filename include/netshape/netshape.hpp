// netshape/netshape.hpp: everything compile-time (no <iostream>; printing is netshape/print.hpp).
#pragma once

#include <netshape/shape.hpp>
#include <netshape/kind.hpp>
#include <netshape/options.hpp>
#include <netshape/layers/activation.hpp>
#include <netshape/layers/channels.hpp>
#include <netshape/layers/conv.hpp>
#include <netshape/layers/dense.hpp>
#include <netshape/layers/norm.hpp>
#include <netshape/layers/pool.hpp>
#include <netshape/composition/branches.hpp>
#include <netshape/composition/input.hpp>
#include <netshape/composition/named.hpp>
#include <netshape/composition/network.hpp>
#include <netshape/composition/sequential.hpp>
#include <netshape/layer_record.hpp>
#include <netshape/errors.hpp>
#include <netshape/figures.hpp>
#include <netshape/memory.hpp>
