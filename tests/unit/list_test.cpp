// logto::List (sdk/logto/list.hpp): the core's growable array. In the wasm tree (libc++) it
// moves elements bytewise on growth and erase; natively (libstdc++) one by one. This suite
// runs both ways, so each case below checks the bytewise path where it ships.
#include "logto/list.hpp"
#include "logto/encoding/json.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>

using namespace logto;

namespace {

// Long enough to live on the heap, short enough for the short-string buffer: both must survive
// a move to another address.
std::string text(int i, bool long_form) {
  return long_form ? "a long string that does not fit the short buffer #" + std::to_string(i)
                   : std::to_string(i);
}

// Counts live instances, so a lost or doubled element shows.
struct Counted {
  static int live;
  std::string value;
  explicit Counted(std::string v) : value(std::move(v)) { ++live; }
  Counted(const Counted& o) : value(o.value) { ++live; }
  Counted(Counted&& o) noexcept : value(std::move(o.value)) { ++live; }
  Counted& operator=(const Counted&) = default;
  Counted& operator=(Counted&&) noexcept = default;
  ~Counted() { --live; }
};
int Counted::live = 0;

}  // namespace

TEST_CASE("List: growth keeps every string, short and long, in order") {
  List<std::string> list;
  for (int i = 0; i < 200; ++i) list.push_back(text(i, i % 2 == 0));
  REQUIRE(list.size() == 200);
  for (int i = 0; i < 200; ++i) CHECK(list[size_t(i)] == text(i, i % 2 == 0));
  CHECK(list.front() == text(0, true));
  CHECK(list.back() == text(199, false));
}

TEST_CASE("List: an element of the list itself can be appended while it grows") {
  List<std::string> list{text(1, true)};
  for (int i = 0; i < 40; ++i) list.push_back(list[0]);
  CHECK(list.size() == 41);
  for (const auto& item : list) CHECK(item == text(1, true));
  List<std::string> more{text(2, false)};
  for (int i = 0; i < 40; ++i) more.emplace_back(more.back() + "x");
  CHECK(more.back() == text(2, false) + std::string(40, 'x'));
}

TEST_CASE("List: erase at the front, middle and back") {
  List<std::string> list;
  for (int i = 0; i < 6; ++i) list.push_back(text(i, i % 2 == 1));
  CHECK(list.erase(list.begin()) == list.begin());
  CHECK(*list.erase(list.begin() + 2) == text(4, false));
  list.erase(list.end() - 1);
  REQUIRE(list.size() == 3);
  CHECK(list[0] == text(1, true));
  CHECK(list[1] == text(2, false));
  CHECK(list[2] == text(4, false));
}

TEST_CASE("List: copies are deep, moves take the elements, and nothing leaks or doubles") {
  Counted::live = 0;
  {
    List<Counted> a;
    for (int i = 0; i < 33; ++i) a.emplace_back(text(i, true));
    CHECK(Counted::live == 33);
    List<Counted> b = a;
    CHECK(Counted::live == 66);
    b[0].value = "changed";
    CHECK(a[0].value == text(0, true));
    List<Counted> c = std::move(a);
    CHECK(a.empty());  // NOLINT: a moved-from List is empty, by design
    CHECK(c.size() == 33);
    CHECK(Counted::live == 66);
    c.erase(c.begin() + 5);
    CHECK(Counted::live == 65);
    CHECK(c[5].value == text(6, true));
    b = c;
    CHECK(Counted::live == 64);
    c.clear();
    CHECK(Counted::live == 32);
  }
  CHECK(Counted::live == 0);
}

TEST_CASE("List: unique_ptr elements and nested JSON survive growth") {
  List<std::unique_ptr<std::string>> owners;
  for (int i = 0; i < 50; ++i) owners.push_back(std::make_unique<std::string>(text(i, true)));
  CHECK(*owners[49] == text(49, true));
  owners.erase(owners.begin());
  CHECK(*owners[0] == text(1, true));

  Json doc = Json::array({});
  for (int i = 0; i < 64; ++i) {
    Json item = Json::object();
    item["name"] = text(i, i % 3 == 0);
    item["tags"] = Json::array({Json(text(i, true)), Json(i)});
    doc.push_back(std::move(item));
  }
  CHECK(doc.elements().size() == 64);
  CHECK(doc[63]["name"].as_string() == text(63, true));
  CHECK(doc[10]["tags"][0].as_string() == text(10, true));
  CHECK(doc.dump().find(text(40, true)) != std::string::npos);
}

TEST_CASE("List: equality, reserve and initializer lists") {
  List<std::string> a{"x", "y"};
  List<std::string> b;
  b.reserve(10);
  CHECK(b.empty());
  b.push_back("x");
  CHECK(a != b);
  b.push_back("y");
  CHECK(a == b);
  b.push_back("z");
  CHECK(a != b);
}
