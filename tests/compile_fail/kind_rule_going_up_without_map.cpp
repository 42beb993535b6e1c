// expect: a kind_rule<K> that goes up gives its map
// context: doubles_positions
// message-first
// A rule that goes up (its output has more positions than its input) gives its index map: the
// exact receptive-field walk needs it, and positions_are::kept or ::tokens cannot say it.
#include <netshape/netshape.hpp>
namespace ns = netshape;
struct doubles_positions {
    static constexpr const char* name = "doubles_positions";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ns::ranks::image;
    static constexpr ns::storage stores = ns::storage::new_tensor;
    static constexpr bool goes_up = true;
    static constexpr ns::rule apply(const ns::spec&, ns::layer_record&) { return ns::rule::none; }
    static constexpr void describe(const ns::layer_record&, ns::text& out) { out << "doubles"; }
};
constexpr ns::detail::walk_entry entry = ns::detail::walk_entry_of<doubles_positions>;  // what the walk reads (kinds.hpp)
