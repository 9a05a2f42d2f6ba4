#include "model/io/html_text.h"

namespace gs {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f) {
          out += "\xEF\xBF\xBD";  // U+FFFD
        } else {
          out += c;
        }
      }
    }
  }
  return out;
}

std::string base64(std::string_view bytes) {
  static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    const auto c = static_cast<unsigned char>(bytes[i + 2]);
    out += digits[a >> 2];
    out += digits[((a & 3) << 4) | (b >> 4)];
    out += digits[((b & 15) << 2) | (c >> 6)];
    out += digits[c & 63];
  }
  if (i + 1 == bytes.size()) {
    const auto a = static_cast<unsigned char>(bytes[i]);
    out += digits[a >> 2];
    out += digits[(a & 3) << 4];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    out += digits[a >> 2];
    out += digits[((a & 3) << 4) | (b >> 4)];
    out += digits[(b & 15) << 2];
    out += '=';
  }
  return out;
}

}  // namespace gs
