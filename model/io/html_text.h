// Text for HTML and SVG files written by GanStudio (the report): escaping, and base64 for images
// embedded as data: URLs.
#pragma once

#include <string>
#include <string_view>

namespace gs {

// & < > " ' as entities, and control characters (but tab and line breaks) as U+FFFD: safe in
// element content and in quoted attribute values.
std::string html_escape(std::string_view text);

// RFC 4648 base64 with padding.
std::string base64(std::string_view bytes);

}  // namespace gs
