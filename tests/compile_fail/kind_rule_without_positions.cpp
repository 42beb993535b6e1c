// expect: a kind_rule<K> that is not element-wise gives map
// context: moves_positions
// message-first
// A rule that is not element-wise says what it does to positions (its index map, or kept or
// tokens): without either, the exact receptive-field walk could not tell a kind that keeps them
// from one that moves them, so the rule does not compile where the walk's table is built (kinds.hpp).
#include <netshape/netshape.hpp>
namespace ns = netshape;
struct moves_positions {
    static constexpr const char* name = "moves_positions";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ns::ranks::image;
    static constexpr ns::storage stores = ns::storage::new_tensor;
    static constexpr ns::rule apply(const ns::spec&, ns::layer_record&) { return ns::rule::none; }
    static constexpr void describe(const ns::layer_record&, ns::text& out) { out << "moves"; }
};
constexpr ns::detail::walk_entry entry = ns::detail::walk_entry_of<moves_positions>;  // what the walk reads (kinds.hpp)
