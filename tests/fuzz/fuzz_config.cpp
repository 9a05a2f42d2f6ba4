// The YAML configuration: parsing, resolution for both devices, and the round trip through YAML.
#include "model/config/config.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gs;
  const std::string text = fuzz::bytes_of(data, size);
  return fuzz::expect_only_errors([&] {
    const RunConfig config = parse_config(text, "fuzz.yaml");
    for (bool cuda : {false, true}) {
      const RunConfig resolved = resolve(config, cuda);
      // What was accepted writes out and reads back the same.
      const RunConfig again = parse_config(to_yaml(resolved), "round-trip.yaml");
      if (to_yaml(again) != to_yaml(resolved)) __builtin_trap();
    }
  });
}
