// Text for the JSON the programs print (`runs --json`, `sweep --json`), written by hand: the few
// shapes they need do not warrant a library.
#pragma once

#include <string>

namespace gs {

// `text` as a JSON string, quotes included: '"' and '\\' escaped, a newline as \n, other control
// characters as \u00XX.
std::string json_string(const std::string& text);

}  // namespace gs
