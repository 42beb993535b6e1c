// netshape/format/core.hpp: the words and numbers of a row (shared by every output format), the
// buffers they are written into and every node's local and qualified name as cells. No <vector>:
// print.hpp includes this header, not describe.hpp, so that a program that prints parses no
// std::vector (docs/design.md: the printer's compile cost).
//
// Every function of the printer (this header, the writers, print.hpp) is [[gnu::cold]]: a program
// prints a summary once, and the compilers then optimise this code for size, which is what a program
// that prints pays in compile time (docs/design.md: the printer's compile cost).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <netshape/kinds.hpp>
#include <netshape/layer_record.hpp>

namespace netshape {

namespace format {

// The writers' core: each put_* appends its text to one buffer, with no string temporaries (a
// temporary std::string costs its construction, destruction and exception clean-up code wherever
// it is made, which is what a program that prints paid in compile time: docs/design.md). A buffer
// is netshape's own `page` (what the text and Markdown tables are written into: no std::string
// member is compiled for them) or a std::string; the functions returning std::string below are
// these, for the writers that join strings, and function templates, compiled only where used.

/// The capacity a growing array of `size` values takes to hold `n` more (it was `capacity`).
[[gnu::cold]] inline std::size_t grown_to(std::size_t size, std::size_t n, std::size_t capacity) {
    return size + n > 2 * capacity ? size + n + 16 : 2 * capacity;
}
/// `bytes` bytes from malloc; std::bad_alloc when there are none.
[[gnu::cold]] inline void* allocate_bytes(std::size_t bytes) {
    void* block = std::malloc(bytes);
    if (block == nullptr) throw std::bad_alloc();
    return block;
}
/// A growing array of values copied as bytes, grown: a new block for `capacity` (updated) values
/// of `unit` bytes, holding the `used` bytes of `data` and then the `added` bytes at `from` (which
/// may lie in `data`); `data` freed. Returns the new block. One function for every type of values.
[[gnu::cold, gnu::noinline]] inline void* grow_bytes(void* data, std::size_t used, const void* from, std::size_t added,
                                                     std::size_t& capacity, std::size_t unit) {
    capacity = grown_to(used / unit, added / unit, capacity);
    void* grown = allocate_bytes(capacity * unit);
    if (used > 0) std::memcpy(grown, data, used);
    std::memcpy(static_cast<char*>(grown) + used, from, added);
    std::free(data);
    return grown;
}

/// A growing array: netshape's own, so that the printer's headers need no <vector> and the text
/// and Markdown tables compile no std::vector member (docs/design.md: the printer's compile cost).
/// Trivially copyable values are copied as bytes (the text path's cells, levels and positions);
/// other values (the other writers' strings and trees) are constructed, moved and destroyed one by
/// one. Its members are templates' members: a program compiles only those it uses.
template <class T>
class growing {
    // A function, not a constant: T may be incomplete where growing<T> is named (svg.hpp's items).
    static constexpr bool bytes() { return std::is_trivially_copyable_v<T>; }

public:
    growing() = default;
    growing(const growing& o) {
        if constexpr (bytes()) {
            append(o.data_, o.size_);
        } else {
            try {
                for (const T& v : o) push_back(v);
            } catch (...) {
                this->~growing();
                throw;
            }
        }
    }
    growing(growing&& o) noexcept : data_(o.data_), size_(o.size_), capacity_(o.capacity_) {
        o.data_ = nullptr;
        o.size_ = o.capacity_ = 0;
    }
    growing& operator=(growing o) noexcept {
        std::swap(data_, o.data_);
        std::swap(size_, o.size_);
        std::swap(capacity_, o.capacity_);
        return *this;
    }
    ~growing() {
        clear();
        std::free(data_);
    }

    [[nodiscard]] std::size_t size() const { return size_; }
    [[nodiscard]] bool empty() const { return size_ == 0; }
    [[nodiscard]] T* data() { return data_; }
    [[nodiscard]] const T* data() const { return data_; }
    T& operator[](std::size_t i) { return data_[i]; }
    const T& operator[](std::size_t i) const { return data_[i]; }
    T& front() { return data_[0]; }
    const T& front() const { return data_[0]; }
    T& back() { return data_[size_ - 1]; }
    const T& back() const { return data_[size_ - 1]; }
    T* begin() { return data_; }
    T* end() { return data_ + size_; }
    const T* begin() const { return data_; }
    const T* end() const { return data_ + size_; }
    void pop_back() {
        --size_;
        if constexpr (!bytes()) data_[size_].~T();
    }
    void clear() {
        if constexpr (!bytes())
            for (T& v : *this) v.~T();
        size_ = 0;
    }
    void push_back(const T& v) {
        if constexpr (bytes()) append(&v, 1);
        else put(v);
    }
    void push_back(T&& v) {
        if constexpr (bytes()) append(&v, 1);
        else put(static_cast<T&&>(v));
    }
    /// Appends n values; `from` may point into this array.
    void append(const T* from, std::size_t n) {
        static_assert(bytes());
        if (n > capacity_ - size_) return append_grown(from, n);
        if (n > 0) std::memcpy(static_cast<void*>(data_ + size_), from, n * sizeof(T));
        size_ += n;
    }
    /// Appends n copies of v.
    void append(std::size_t n, const T& v) {
        for (std::size_t k = 0; k < n; ++k) push_back(v);
    }

private:
    [[nodiscard]] std::size_t grown_capacity(std::size_t n) const { return grown_to(size_, n, capacity_); }
    [[nodiscard]] static T* allocate(std::size_t capacity) { return static_cast<T*>(allocate_bytes(capacity * sizeof(T))); }
    // A new block, the old values and the new ones copied into it (from the old block if `from`
    // points into it), then the old one freed: one function for every type of values (grow_bytes).
    void append_grown(const T* from, std::size_t n) {
        data_ = static_cast<T*>(grow_bytes(data_, size_ * sizeof(T), from, n * sizeof(T), capacity_, sizeof(T)));
        size_ += n;
    }
    // Values that are not bytes: the new one is made first (v may be one of the old values), in a
    // new block when this one is full, the old values then moved over.
    template <class V>
    [[gnu::cold]] void put(V&& v) {
        if (size_ < capacity_) {
            ::new (static_cast<void*>(data_ + size_)) T(static_cast<V&&>(v));
            ++size_;
            return;
        }
        const std::size_t capacity = grown_capacity(1);
        T* grown = allocate(capacity);
        try {
            ::new (static_cast<void*>(grown + size_)) T(static_cast<V&&>(v));
        } catch (...) {
            std::free(grown);
            throw;
        }
        for (std::size_t k = 0; k < size_; ++k) {
            ::new (static_cast<void*>(grown + k)) T(static_cast<T&&>(data_[k]));
            data_[k].~T();
        }
        std::free(data_);
        data_ = grown;
        ++size_;
        capacity_ = capacity;
    }

    T* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

/// A character buffer that the put_* functions append to, as to a std::string. Its appenders are
/// out of line: each `+=` of the text path is a call, not the growth test and copy written out
/// (docs/design.md: the printer's compile cost).
class page : public growing<char> {
public:
    using growing<char>::append;
    void append(std::string_view s) { append(s.data(), s.size()); }
    [[gnu::cold, gnu::noinline]] page& operator+=(std::string_view s) {
        append(s.data(), s.size());
        return *this;
    }
    [[gnu::cold, gnu::noinline]] page& operator+=(const char* s) { return *this += std::string_view(s); }
    [[gnu::cold, gnu::noinline]] page& operator+=(char c) {
        push_back(c);
        return *this;
    }
    [[nodiscard]] std::string_view view() const { return {data(), size()}; }
    operator std::string_view() const { return view(); }
};

/// U, named through T: a type that depends on a template's parameter, so that clang instantiates
/// what a function template's body calls only when the function template itself is instantiated
/// (it instantiates the templates named by a template's non-dependent calls at once, used or not).
template <class T, class U>
struct deferred {
    using type = U;
};

/// std::string named through T (deferred): the other writers' strings, so that a program that does
/// not ask for their style instantiates none of the std::string members they use.
template <class T>
using string_for = typename deferred<T, std::string>::type;

/// `u` in decimal, written into the end of `digits`, after a minus sign when `negative`.
[[gnu::cold]] constexpr std::string_view decimal(char (&digits)[24], unsigned long long u, bool negative) {
    std::size_t k = sizeof digits;
    do {
        digits[--k] = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (negative) digits[--k] = '-';
    return {digits + k, sizeof digits - k};
}
/// Appends `u` in decimal, after a minus sign when `negative`, as std::to_string writes numbers.
template <class Out>
[[gnu::cold]] constexpr void put_digits(Out& out, unsigned long long u, bool negative) {
    char digits[24]{};
    out += decimal(digits, u, negative);
}
/// The magnitude of `n` (unsigned, so that the most negative count is written too).
[[gnu::cold]] constexpr unsigned long long magnitude(count_t n) {
    const auto u = static_cast<unsigned long long>(n);
    return n < 0 ? 0ull - u : u;
}
/// Appends `n` in decimal ("-12").
template <class Out>
[[gnu::cold]] constexpr void put_int(Out& out, count_t n) {
    put_digits(out, magnitude(n), n < 0);
}

template <class = void> [[gnu::cold]] void append(std::string& s, std::string_view x) { s += x; }
template <class = void> [[gnu::cold]] void append(std::string& s, const char* x) { s += x; }
template <class = void> [[gnu::cold]] void append(std::string& s, char x) { s += x; }
template <class = void> [[gnu::cold]] void append(std::string& s, count_t x) { put_int(s, x); }
template <class = void> [[gnu::cold]] void append(std::string& s, std::size_t x) { put_digits(s, x, false); }

/// Joins strings, literals and integers. Appending, rather than `"literal" + std::string`, also
/// avoids a false -Wrestrict that GCC 12's libstdc++ raises for the latter at -O3.
/// `String` named explicitly (a writer's `string_for<T>`) makes the call depend on a template's
/// parameter (see deferred).
template <class String = std::string, class... Parts>
[[gnu::cold]] String cat(const Parts&... parts) {
    String s;
    (append(s, parts), ...);
    return s;
}

/// Appends a run of decimal digits grouped by thousands ("62378344" -> "62,378,344").
template <class Out>
[[gnu::cold]] constexpr void put_grouped_digits(Out& out, std::string_view digits) {
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n) out += ',';
    }
}

/// Appends 62378344 as "62,378,344".
template <class Out>
[[gnu::cold]] void put_thousands(Out& out, count_t value) {
    char digits[24];
    if (value < 0) out += '-';
    put_grouped_digits(out, decimal(digits, magnitude(value), false));
}
/// 62378344 -> "62,378,344".
template <class String = std::string>
[[gnu::cold]] String thousands(count_t value) {
    String out;
    put_thousands(out, value);
    return out;
}

/// By rank, with thousands separators (shapes are for people wherever dims() is used: text,
/// Markdown, DOT): "1,000", "197×768", "55×55×96", "16×112×112×3", "2,667×2,667×3".
template <class Out>
[[gnu::cold]] void put_dims(Out& out, const shape& s) {
    const count_t axes[4] = {s.depth, s.height, s.width, s.channels};
    const int first = s.rank == 1 ? 3 : s.rank == 2 ? 2 : s.rank == 4 ? 0 : 1;
    for (int a = first; a < 4; ++a) {
        if (a > first) out += "×";
        put_thousands(out, axes[a]);
    }
}
template <class String = std::string>
[[gnu::cold]] String dims(const shape& s) {
    String out;
    put_dims(out, s);
    return out;
}

/// "3", or "1/2" in lowest terms.
template <class String = std::string>
[[gnu::cold]] String ratio(const fraction& f) {
    String out;
    put_int(out, f.numerator);
    if (f.denominator == 1) return out;
    out += '/';
    put_int(out, f.denominator);
    return out;
}
/// ratio() with thousands separators, for people: "1,024", "1/2".
template <class Out>
[[gnu::cold]] void put_ratio_grouped(Out& out, const fraction& f) {
    put_thousands(out, f.numerator);
    if (f.denominator == 1) return;
    out += '/';
    put_thousands(out, f.denominator);
}
template <class String = std::string>
[[gnu::cold]] String ratio_grouped(const fraction& f) {
    String out;
    put_ratio_grouped(out, f);
    return out;
}

/// Every run of four or more decimal digits grouped by thousands ("dense 4096" -> "dense 4,096"),
/// except the digits after a decimal point ("0.0001" stays). For descriptions shown to people.
template <class Out>
[[gnu::cold]] constexpr void put_grouped(Out& out, std::string_view words) {
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0;
    while (i < words.size()) {
        if (!digit(words[i])) {
            out += words[i++];
            continue;
        }
        std::size_t end = i;
        while (end < words.size() && digit(words[end])) ++end;
        const bool fractional = i > 0 && words[i - 1] == '.';
        if (end - i >= 4 && !fractional) put_grouped_digits(out, words.substr(i, end - i));
        else out += words.substr(i, end - i);
        i = end;
    }
}
template <class String = std::string>
[[gnu::cold]] String grouped(const std::string& words) {
    String out;
    put_grouped(out, words);
    return out;
}

/// `value` in units of `base` (1000: k, M, G, T; 1024: KiB, MiB, GiB, TiB) with two decimals, for
/// people, beside the exact figure: 1814073344 -> "1.81 G", 46797824 at 1024 -> "44.63 MiB". Below
/// `base` the value itself and `plain` ("640", "640 B"). Integer arithmetic, rounded half up, so
/// every compiler and library prints the same text (rounding up into the next unit: 999,999 is
/// "1.00 M"); past the last unit the whole part grows.
template <class Out>
[[gnu::cold]] void put_human(Out& out, count_t value, count_t base, const char* plain) {
    static constexpr const char* si[] = {"k", "M", "G", "T"};
    static constexpr const char* binary[] = {"KiB", "MiB", "GiB", "TiB"};
    const char* const* units = base == 1024 ? binary : si;
    if (value < 0) {
        out += '-';
        value = -value;
    }
    if (value < base) {
        put_thousands(out, value);
        out += plain;
        return;
    }
    count_t scale = base;  // at most base^4 < 2^41, so rest * 100 below fits
    std::size_t u = 0;
    while (u + 1 < 4 && value / scale >= base) {
        scale *= base;
        ++u;
    }
    count_t whole = value / scale;
    count_t hundredths = (value % scale * 100 + scale / 2) / scale;
    if (hundredths == 100) {
        ++whole;
        hundredths = 0;
    }
    if (whole == base && u + 1 < 4) {  // 999.995 k is 1.00 M
        whole = 1;
        ++u;
    }
    put_thousands(out, whole);
    out += hundredths < 10 ? ".0" : ".";
    put_int(out, hundredths);
    out += ' ';
    out += units[u];
}
template <class String = std::string>
[[gnu::cold]] String human(count_t value, count_t base, const char* plain) {
    String out;
    put_human(out, value, base, plain);
    return out;
}

/// Columns are measured in code points, so "×" counts as one.
[[gnu::cold, gnu::noinline]] inline std::size_t width(std::string_view s) {
    std::size_t w = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++w;  // not a UTF-8 continuation byte
    return w;
}

/// Whether a node has a name. An empty name is no name (named<"", L> is L); records built by hand
/// may hold nullptr, which is no name too. The compiler's records come from specs, whose name is
/// never null, and g++ -fsanitize=undefined rejects comparing a constant's address with null.
[[gnu::cold]] constexpr bool has_name(const layer_record& r) {
    if (std::is_constant_evaluated()) return r.name[0] != '\0';
    return r.name != nullptr && r.name[0] != '\0';
}

/// A byte as two lowercase hex digits ("1b").
template <class String = std::string>
[[gnu::cold]] String hex_byte(char c) {
    const char* hex = "0123456789abcdef";
    const auto u = static_cast<unsigned char>(c);
    return {hex[u >> 4], hex[u & 0xFu]};
}

[[gnu::cold]] inline bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; }

/// Appends words as a table shows them. Text tables (visible()): control characters (a newline
/// would break the row) made visible as C escapes ("\n", "\r", "\t", "\x1b") and backslashes
/// doubled, so that what is shown reads back unambiguously. Markdown table cells (markdown_cell()):
/// that text, then a backslash before `|` (which would end the cell) and before what inline
/// Markdown would read as syntax (emphasis, code, links, HTML, entities).
template <class Out>
[[gnu::cold]] void put_escaped(Out& out, std::string_view s, bool markdown) {
    const char* hex = "0123456789abcdef";
    for (const char c : s) {
        char shown[4] = {c, 0, 0, 0};
        std::size_t n = 1;
        if (c == '\\' || is_control(c)) {
            const auto u = static_cast<unsigned char>(c);
            shown[0] = '\\';
            shown[1] = c == '\\' ? '\\' : c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : 'x';
            n = 2;
            if (shown[1] == 'x') {
                shown[2] = hex[u >> 4];
                shown[3] = hex[u & 0xFu];
                n = 4;
            }
        }
        for (std::size_t k = 0; k < n; ++k) {
            if (markdown && std::string_view("\\|`*_[]<~&").find(shown[k]) != std::string_view::npos) out += '\\';
            out += shown[k];
        }
    }
}
/// A control character as C writes it: "\n", "\r", "\t", "\x1b".
template <class String = std::string>
[[gnu::cold]] String control_escape(char c) {
    String out;
    put_escaped(out, std::string_view(&c, 1), false);
    return out;
}
template <class String = std::string>
[[gnu::cold]] String visible(std::string_view s) {
    String out;
    put_escaped(out, s, false);
    return out;
}
template <class String = std::string>
[[gnu::cold]] String markdown_cell(std::string_view s) {
    String out;
    put_escaped(out, s, true);
    return out;
}

/// The depth that shows every level (summary<Net>().depth(n) folds the blocks below n).
inline constexpr std::size_t all_levels = static_cast<std::size_t>(-1);

/// What the writers read of a node besides its record: its kind's name (name_of(kind)) and its
/// rule's description (description(r), "conv 11×11/4, 96"; "" for markers). summary<Net>() has the
/// compiler work them out (print.hpp), so that a program that prints reaches no kind's rule at run
/// time (docs/design.md: the printer's compile cost); `described` works them out at run time.
struct node_words {
    const char* kind = "";
    const char* description = "";
    /// kind_word(record, kind) when worked out ahead (summary<Net>() has the compiler do it, so
    /// that a printing program compiles no kind's word); nullptr: the table works it out.
    const char* label = nullptr;
    /// The description as a table shows it, put_describe's words with put_grouped's thousands
    /// ("dense 4,096", "concat of 4"), when worked out ahead (summary<Net>()); nullptr: the table
    /// works it out.
    const char* shown = nullptr;
    /// The node's local name (put_local_names) when worked out ahead (summary<Net>()); nullptr: the
    /// table works it out.
    const char* local = nullptr;
};

/// A network as the writers read it: its nodes in order, its totals and each node's words.
struct listing {
    const layer_record* nodes = nullptr;
    std::size_t size = 0;
    const layer_record* total = nullptr;
    const node_words* words = nullptr;
};

/// Records' words worked out at run time, for records that summary<Net>() did not make (built by
/// hand, or by a tool): `described{nodes, size, total}.listing()` is what the writers read. Reaches
/// every kind's rule (kind_table), which a program that prints a summary<Net>() does not.
class described {
public:
    template <class = void>
    described(const layer_record* nodes, std::size_t size, const layer_record& total)
        : nodes_(nodes), size_(size), total_(&total) {
        for (std::size_t i = 0; i < size; ++i) texts_.push_back(description(nodes[i]));
        for (std::size_t i = 0; i < size; ++i) words_.push_back({name_of(nodes[i].kind), texts_[i].c_str()});
    }
    described(const described&) = delete;
    described& operator=(const described&) = delete;
    [[nodiscard]] format::listing listing() const { return {nodes_, size_, total_, words_.data()}; }

private:
    const layer_record* nodes_;
    std::size_t size_;
    const layer_record* total_;
    growing<text> texts_;
    growing<node_words> words_;
};

/// A node's kind as it is written in code: "conv2d"; an activation its function ("relu");
/// adaptive pools to 1×1 "global_avg_pool" / "global_max_pool" (the aliases' names); a block
/// "sequential" (a block marked with a merge::, that name); a merge "concat", "add", "multiply" or
/// "output"; other markers name_of(kind). `kind_name` is name_of(r.kind) (node_words::kind).
template <class = void>
[[gnu::cold]] constexpr const char* kind_word(const layer_record& r, const char* kind_name) {
    switch (r.kind) {
        case kind::merge_begin: return name_of(r.how);
        case kind::block_begin: return r.how == merge::none ? "sequential" : name_of(r.how);  // a block of a kind of its own
        default: {
            const char* word = extras_of(r.kind).word(r);  // kind_rule::word; "" when it has none
            return word[0] != '\0' ? word : kind_name;
        }
    }
}
template <class String = std::string>
[[gnu::cold]] String kind_label(const layer_record& r, const char* kind_name) { return String(kind_word<String>(r, kind_name)); }
template <class String = std::string>
[[gnu::cold]] String kind_label(const layer_record& r) { return kind_label<String>(r, name_of(r.kind)); }

/// Cells kept in one character buffer, row after row, `per_row` cells a row: a writer appends a
/// cell's text to text() and closes it, and reads cell (row, column) back as a view. The text and
/// Markdown tables are laid out from these, with no string per cell (docs/design.md: the printer's
/// compile cost).
class cells {
public:
    explicit cells(std::size_t per_row) : per_row_(per_row) {}
    /// The open cell's text so far: append to it.
    page& text() { return text_; }
    /// Ends the open cell.
    void close() { ends_.push_back(text_.size()); }
    /// Appends a whole cell.
    void add(std::string_view s) {
        text_ += s;
        close();
    }
    [[nodiscard]] std::size_t rows() const { return ends_.size() / per_row_; }
    [[nodiscard]] std::size_t per_row() const { return per_row_; }
    [[nodiscard, gnu::noinline]] std::string_view at(std::size_t row, std::size_t column) const {
        const std::size_t k = row * per_row_ + column, from = k == 0 ? 0 : ends_[k - 1];
        return {text_.data() + from, ends_[k] - from};
    }

private:
    page text_;
    growing<std::size_t> ends_;
    std::size_t per_row_;
};

/// Every node's local name: its own, or, unnamed, its position in its scope as nn.Sequential
/// numbers children ("0", "1", ...). A scope is a named block or merge, or the network. An unnamed
/// sequential is no scope and takes no position: its nodes are its scope's (it is a grouping of
/// code, as a template alias; the table gives it no row). An unnamed merge takes a position, and
/// its branches' nodes go on numbering in its scope (a merge is not a PyTorch module: the names
/// inside it stay their scope's, so torchvision's "layer1.0.conv1" holds inside the residual add).
/// End and branch markers: their block's or merge's local name.
/// Where a node's local name comes from (local_names): the name of node `named`, or else
/// `position`, or else (both no_node) nothing.
struct local_name {
    std::size_t named = no_node;
    std::size_t position = no_node;
};
/// Each node's local name's source into out[0, size) (a constant evaluation works them out for
/// summary<Net>(), put_local_names at run time).
[[gnu::cold]] constexpr void local_names(local_name* out, const layer_record* nodes, std::size_t size) {
    std::size_t* const positions = new std::size_t[size + 1]{};  // the next position in each open scope
    std::size_t* const merges = new std::size_t[size + 1]{};     // the open merges
    std::size_t scopes = 1, open = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const layer_record& r = nodes[i];
        const bool named = has_name(r);
        switch (r.kind) {
            case kind::block_end:
            case kind::merge_end:
                out[i] = out[r.match];
                if (has_name(nodes[r.match]) && scopes > 1) --scopes;
                if (r.kind == kind::merge_end && open > 0) --open;
                break;
            case kind::branch:
                out[i] = open > 0 ? out[merges[open - 1]] : local_name{};
                break;
            case kind::block_begin:
                if (!named && r.how == merge::none) {  // a plain unnamed sequential: no scope, no position
                    out[i] = local_name{};
                    break;
                }
                [[fallthrough]];
            default:
                out[i] = named ? local_name{i, no_node} : local_name{no_node, positions[scopes - 1]};
                ++positions[scopes - 1];
                if (named && (r.kind == kind::block_begin || r.kind == kind::merge_begin)) positions[scopes++] = 0;
                if (r.kind == kind::merge_begin) merges[open++] = i;
        }
    }
    delete[] positions;
    delete[] merges;
}
/// Appends the local name `from` says.
template <class Out>
[[gnu::cold]] constexpr void put_local_name(Out& out, const layer_record* nodes, const local_name& from) {
    if (from.named != no_node) out += nodes[from.named].name;
    else if (from.position != no_node) put_digits(out, from.position, false);
}
[[gnu::cold]] inline void put_local_names(cells& out, const layer_record* nodes, std::size_t size) {
    growing<local_name> from;
    from.append(size, local_name{});
    local_names(from.data(), nodes, size);
    for (std::size_t i = 0; i < size; ++i) {
        put_local_name(out.text(), nodes, from[i]);
        out.close();
    }
}
/// Every node's qualified name (describe.hpp: qualified_names) written into `out` (one cell a
/// node): the local names (put_local_names) of the scopes around it and its own, joined with dots.
[[gnu::cold]] inline void put_qualified_names(cells& out, const layer_record* nodes, std::size_t size) {
    cells local(1);
    put_local_names(local, nodes, size);
    growing<std::size_t> prefix;  // the open named scopes, each by its node (none: the network's "")
    growing<std::size_t> merges;  // the open merges
    page& text = out.text();
    const auto put_prefix = [&] {
        if (!prefix.empty()) text += out.at(prefix.back(), 0);
    };
    const auto join = [&](std::size_t i) {
        if (!prefix.empty() && !out.at(prefix.back(), 0).empty()) {
            text += out.at(prefix.back(), 0);
            text += '.';
        }
        text += local.at(i, 0);
    };
    for (std::size_t i = 0; i < size; ++i) {
        const layer_record& r = nodes[i];
        const bool named = has_name(r);
        switch (r.kind) {
            case kind::block_begin:
                if (named || r.how != merge::none) join(i);
                else put_prefix();
                out.close();
                if (named) prefix.push_back(i);
                continue;
            case kind::merge_begin:
                join(i);
                out.close();
                if (named) prefix.push_back(i);
                merges.push_back(i);
                continue;
            case kind::block_end:
            case kind::merge_end:
                text += out.at(r.match, 0);
                if (has_name(nodes[r.match]) && !prefix.empty()) prefix.pop_back();
                if (r.kind == kind::merge_end && !merges.empty()) merges.pop_back();
                break;
            case kind::branch:
                if (merges.empty()) put_prefix();
                else text += out.at(merges.back(), 0);
                break;
            default:
                join(i);
        }
        out.close();
    }
}

/// The short description of a node: its kind's own ("conv 11×11/4, 96", kind_rule::describe), or a
/// block's ("sequential", "concat of 4", "side output").
/// A node of a shared block's repeat (layer_record::repeat_of) says so: "conv 3×3, 8 (shared)";
/// a shared block's own row is "shared", or "shared, repeat" (its parameters counted at its first use).
/// `rule_words` is description(r) (node_words::description).
template <class Out>
[[gnu::cold]] constexpr void put_describe(Out& out, const layer_record& r, const char* rule_words) {
    const bool repeat = r.repeat_of != no_node;
    if (r.kind == kind::block_begin) {
        out += r.how == merge::shared ? (repeat ? "shared, repeat" : "shared") : repeat ? "sequential (shared)" : "sequential";
        return;
    }
    if (r.kind == kind::merge_begin && r.how == merge::output) {
        out += "side output";
    } else if (r.kind == kind::merge_begin) {
        out += name_of(r.how);
        out += " of ";
        put_int(out, r.branches);
    } else if (is_structure(r.kind)) {
        return;
    } else {
        out += rule_words;
    }
    if (repeat) out += " (shared)";
}
template <class String = std::string>
[[gnu::cold]] String describe(const layer_record& r, const char* rule_words) {
    String out;
    put_describe(out, r, rule_words);
    return out;
}
template <class String = std::string>
[[gnu::cold]] String describe(const layer_record& r) { return describe<String>(r, description(r).c_str()); }

}  // namespace format

}  // namespace netshape
