#include "http/template.hpp"

#include <doctest/doctest.h>

using provider::http::render;
using provider::http::render_text;
using provider::http::safe_html;
using provider::http::TemplateError;

TEST_CASE("every value is escaped unless it was made safe") {
  nlohmann::json v = {{"name", "<script>alert(\"x\") & 'y'</script>"}, {"n", 3}};
  CHECK(render_text("<p>{{name}} {{n}}</p>", v) ==
        "<p>&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt; 3</p>");
  CHECK(render_text("<div>{{{html}}}</div>", {{"html", safe_html("<b>ok</b>")}}) ==
        "<div><b>ok</b></div>");
  // A plain string in a raw slot is a template bug, never unescaped output.
  CHECK_THROWS_AS(render_text("{{{name}}}", v), TemplateError);
  // A safe value in an escaping slot is refused too (it is not text).
  CHECK_THROWS_AS(render_text("{{html}}", {{"html", safe_html("<b>")}}), TemplateError);
}

TEST_CASE("a missing value or an unclosed tag is an error, not an empty string") {
  CHECK_THROWS_WITH_AS(render_text("{{nmae}}", {{"name", "x"}}), "no value for {{nmae}}",
                       TemplateError);
  CHECK_THROWS_AS(render_text("{{#list}}x", {{"list", {1}}}), TemplateError);
  CHECK_THROWS_AS(render_text("{{name", {{"name", "x"}}), TemplateError);
  CHECK_THROWS_AS(render_text("{{/x}}", nlohmann::json::object()), TemplateError);
  CHECK_THROWS_AS(render("no-such.html", nlohmann::json::object()), TemplateError);
}

TEST_CASE("sections: booleans, lists with {{.}} and fields, objects, inverses, dotted names") {
  CHECK(render_text("a{{#on}}b{{/on}}c{{^on}}d{{/on}}", {{"on", true}}) == "abc");
  CHECK(render_text("a{{#on}}b{{/on}}c{{^on}}d{{/on}}", {{"on", false}}) == "acd");
  CHECK(render_text("{{#xs}}<i>{{.}}</i>{{/xs}}", {{"xs", {"1", "<2>"}}}) ==
        "<i>1</i><i>&lt;2&gt;</i>");
  CHECK(render_text("{{#xs}}{{/xs}}{{^xs}}none{{/xs}}", {{"xs", nlohmann::json::array()}}) ==
        "none");
  nlohmann::json rows = {{"rows", {{{"a", "1"}, {"b", true}}, {{"a", "2"}, {"b", false}}}},
                         {"title", "T"}};
  CHECK(render_text("{{#rows}}{{a}}{{#b}}!{{/b}}{{title}};{{/rows}}", rows) == "1!T;2T;");
  CHECK(render_text("{{m.title}}", {{"m", {{"title", "<t>"}}}}) == "&lt;t&gt;");
  // A section not shown is skipped without looking up what is inside it.
  CHECK(render_text("{{#user}}{{user.name}}{{/user}}-", {{"user", nullptr}}) == "-");
}

TEST_CASE("the embedded layout escapes its title and language") {
  std::string page =
      render("layout.html",
             {{"lang", "en\"><x"}, {"title", "<title>"}, {"content", safe_html("<p>body</p>")}});
  CHECK(page.find("<html lang=\"en&quot;&gt;&lt;x\">") != std::string::npos);
  CHECK(page.find("<title>&lt;title&gt;</title>") != std::string::npos);
  CHECK(page.find("<main class=\"card\"><p>body</p></main>") != std::string::npos);
}
