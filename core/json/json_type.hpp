// The core's one JSON type: nlohmann::basic_json whose objects keep their members in insertion order (the order of
// the content files and of the response contract), as nlohmann::ordered_json does, in a list that moves its
// members when it grows.
//
// Why not nlohmann::ordered_json itself: its members are std::pair<const std::string, json>, which cannot be moved
// (the key is const), so each time an object's vector grows every member is copied, the value's whole subtree
// with it. A response object that grows to 16 members copied its earlier sections up to four times. Measured with
// bench/api_bench.cpp on 2 cores of an Intel Xeon, interleaved: plan 119-120 -> 107-109 us, same bytes out.
// The look-ups are those of ordered_json (a linear scan: objects here have at most a few dozen members).
//
// Responses built per request set an object's members one by one (item["field"] = ...) rather than from an
// initializer list (Json{{"field", ...}, ...}): nlohmann builds each {key, value} of a list as a two-item array and
// then copies it into the object, two to three times the allocations (a four-number rate-table row: 23 against 7).
// Under the fuzz build's ASan every allocation also records a stack, so there each one costs several times more.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace ketadose {

// Key, value and (ignored) comparator and allocator, as nlohmann::basic_json instantiates an object type.
template <class Key, class T, class... Ignored>
class MemberList : public std::vector<std::pair<Key, T>> {
  using Members = std::vector<std::pair<Key, T>>;

 public:
  using key_type = Key;
  using mapped_type = T;
  using value_type = typename Members::value_type;
  using size_type = typename Members::size_type;
  using iterator = typename Members::iterator;
  using const_iterator = typename Members::const_iterator;
  using key_compare = std::equal_to<>;

  // Room for this many members is made at the first member, not one, two, then four: most objects the core writes
  // or reads have two to four (a source, a weight, a bag, a rate-table row...), so each now costs one allocation
  // instead of up to three. Measured on the plan of bench/requests.json (2 cores of an AMD EPYC): 733 -> 645
  // allocations and 863k -> 835k instructions per call (valgrind), screen and assess 3% fewer instructions too;
  // 8 saved only 17 allocations more, for 68 KB more of the module's heap after start (4: 15 KB).
  static constexpr size_type kFirstCapacity = 4;

  MemberList() noexcept = default;
  template <class Allocator>
  explicit MemberList(const Allocator& /*unused*/) noexcept {}
  template <class It, class... Allocator>
  MemberList(It first, It last, const Allocator&... /*unused*/) : Members(first, last) {}
  MemberList(std::initializer_list<value_type> members) : Members(members) {}

  template <class K>
  std::pair<iterator, bool> emplace(K&& key, T&& value) {
    const iterator found = find(key);
    if (found != this->end()) return {found, false};
    if (this->capacity() == 0) this->reserve(kFirstCapacity);
    this->emplace_back(std::forward<K>(key), std::move(value));
    return {std::prev(this->end()), true};
  }

  template <class K>
  T& operator[](K&& key) {
    return emplace(std::forward<K>(key), T{}).first->second;
  }
  template <class K>
  const T& operator[](const K& key) const {
    return at(key);
  }

  template <class K>
  T& at(const K& key) {
    const iterator found = find(key);
    if (found == this->end()) throw std::out_of_range("key not found");
    return found->second;
  }
  template <class K>
  const T& at(const K& key) const {
    const const_iterator found = find(key);
    if (found == this->end()) throw std::out_of_range("key not found");
    return found->second;
  }

  template <class K>
  iterator find(const K& key) {
    for (auto it = this->begin(); it != this->end(); ++it) {
      if (key_compare{}(it->first, key)) return it;
    }
    return this->end();
  }
  template <class K>
  const_iterator find(const K& key) const {
    for (auto it = this->begin(); it != this->end(); ++it) {
      if (key_compare{}(it->first, key)) return it;
    }
    return this->end();
  }
  template <class K>
  size_type count(const K& key) const {
    return find(key) == this->end() ? 0 : 1;
  }

  // Erasing keeps the order of the members that remain.
  template <class K, std::enable_if_t<!std::is_convertible_v<const K&, const_iterator>, int> = 0>
  size_type erase(const K& key) {
    const iterator found = find(key);
    if (found == this->end()) return 0;
    Members::erase(found);
    return 1;
  }
  iterator erase(iterator position) { return Members::erase(position); }
  iterator erase(iterator first, iterator last) { return Members::erase(first, last); }

  std::pair<iterator, bool> insert(value_type&& member) {
    return emplace(std::move(member.first), std::move(member.second));
  }
  // Through emplace, so one place appends a member (and makes the first room); the value is copied first, as an
  // insert of a copy does.
  std::pair<iterator, bool> insert(const value_type& member) { return emplace(member.first, T(member.second)); }
  template <class It, class = std::enable_if_t<std::is_convertible_v<
                          typename std::iterator_traits<It>::iterator_category, std::input_iterator_tag>>>
  void insert(It first, It last) {
    for (; first != last; ++first) insert(*first);
  }
};

using Json = nlohmann::basic_json<MemberList>;

}  // namespace ketadose
