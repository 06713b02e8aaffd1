#include "http/template.hpp"

#include "http/page_templates.hpp"
#include "http/util.hpp"

#include <vector>

namespace provider::http {
namespace {

constexpr const char* kSafeKey = "$safeHtml";

bool is_safe(const nlohmann::json& v) {
  return v.is_object() && v.size() == 1 && v.contains(kSafeKey) && v[kSafeKey].is_string();
}

class Renderer {
 public:
  explicit Renderer(const std::string& text) : text_(text) {}

  std::string run(const nlohmann::json& values) {
    std::vector<const nlohmann::json*> scopes = {&values};
    size_t pos = 0;
    std::string out = section(pos, scopes, "");
    return out;
  }

 private:
  // Renders from `pos` up to the end of the text or the {{/closing}} tag (consumed).
  std::string section(size_t& pos, std::vector<const nlohmann::json*>& scopes,
                      const std::string& closing) {
    std::string out;
    while (true) {
      size_t open = text_.find("{{", pos);
      if (open == std::string::npos) {
        if (!closing.empty()) throw TemplateError("{{#" + closing + "}} is never closed");
        out.append(text_, pos, std::string::npos);
        pos = text_.size();
        return out;
      }
      out.append(text_, pos, open - pos);
      bool raw = text_.compare(open, 3, "{{{") == 0;
      size_t close = text_.find(raw ? "}}}" : "}}", open);
      if (close == std::string::npos) throw TemplateError("a tag is never closed");
      std::string tag = text_.substr(open + (raw ? 3 : 2), close - open - (raw ? 3 : 2));
      pos = close + (raw ? 3 : 2);
      if (raw) {
        const nlohmann::json& v = lookup(scopes, tag);
        if (!is_safe(v)) {
          throw TemplateError("{{{" + tag + "}}} needs a value made with safe_html()");
        }
        out += v[kSafeKey].get<std::string>();
        continue;
      }
      if (tag.empty()) throw TemplateError("an empty tag");
      char kind = tag[0];
      if (kind == '/') {
        if (tag.substr(1) != closing) throw TemplateError("unexpected {{" + tag + "}}");
        return out;
      }
      if (kind == '#' || kind == '^') {
        std::string name = tag.substr(1);
        const nlohmann::json* v = find(scopes, name);
        bool truthy = v && !v->is_null() && !(v->is_boolean() && !v->get<bool>()) &&
                      !(v->is_array() && v->empty()) &&
                      !(v->is_string() && v->get_ref<const std::string&>().empty());
        bool show = kind == '^' ? !truthy : truthy;
        if (!show) {
          skip(pos, name);
        } else if (kind == '^' || !(v->is_array() || v->is_object())) {
          out += section(pos, scopes, name);  // once, in the current scope
        } else if (v->is_object()) {
          scopes.push_back(v);
          out += section(pos, scopes, name);
          scopes.pop_back();
        } else {
          size_t body = pos;
          for (const auto& item : *v) {
            pos = body;
            scopes.push_back(&item);
            out += section(pos, scopes, name);
            scopes.pop_back();
          }
        }
        continue;
      }
      const nlohmann::json& v = lookup(scopes, tag);
      if (v.is_string()) {
        out += html_escape(v.get<std::string>());
      } else if (v.is_number() || v.is_boolean()) {
        out += html_escape(v.dump());
      } else {
        throw TemplateError("{{" + tag + "}} is not text (use {{{" + tag + "}}} for safe HTML)");
      }
    }
  }

  // Moves past the {{/name}} that closes a section not shown, without rendering it.
  void skip(size_t& pos, const std::string& name) {
    int depth = 1;
    while (depth > 0) {
      size_t open = text_.find("{{", pos);
      if (open == std::string::npos) throw TemplateError("{{#" + name + "}} is never closed");
      size_t close = text_.find("}}", open);
      if (close == std::string::npos) throw TemplateError("a tag is never closed");
      std::string tag = text_.substr(open + 2, close - open - 2);
      pos = close + 2;
      if (tag == "#" + name || tag == "^" + name) ++depth;
      if (tag == "/" + name) --depth;
    }
  }

  static const nlohmann::json* find(const std::vector<const nlohmann::json*>& scopes,
                                    const std::string& name) {
    if (name == ".") return scopes.back();
    for (auto scope = scopes.rbegin(); scope != scopes.rend(); ++scope) {
      const nlohmann::json* v = *scope;
      size_t start = 0;
      bool found = true;
      while (found) {
        size_t dot = name.find('.', start);
        std::string part = name.substr(start, dot == std::string::npos ? dot : dot - start);
        if (!v->is_object() || !v->contains(part)) {
          found = false;
          break;
        }
        v = &(*v)[part];
        if (dot == std::string::npos) break;
        start = dot + 1;
      }
      if (found) return v;
    }
    return nullptr;
  }

  static const nlohmann::json& lookup(const std::vector<const nlohmann::json*>& scopes,
                                      const std::string& name) {
    const nlohmann::json* v = find(scopes, name);
    if (!v) throw TemplateError("no value for {{" + name + "}}");
    return *v;
  }

  const std::string& text_;
};

}  // namespace

nlohmann::json safe_html(std::string html) {
  return {{kSafeKey, std::move(html)}};
}

std::string render_text(const std::string& text, const nlohmann::json& values) {
  return Renderer(text).run(values);
}

std::string render(const std::string& name, const nlohmann::json& values) {
  const std::string* text = page_template(name);
  if (!text) throw TemplateError("no template named " + name);
  return render_text(*text, values);
}

}  // namespace provider::http
