#include "model/config/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <set>
#include <sstream>
#include <type_traits>

#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs {

namespace {

// Thrown by a field's reader; the caller prefixes the location.
struct FieldError {
  std::string message;
};

struct Field {
  std::string key;
  std::string help;
  // Whether the key may change while the run trains (see live_settings.h).
  bool live = false;
  // From the text of a scalar (a YAML scalar or what a person typed in a field; no YAML parsing):
  // "" restores the default. Null for keys whose values are lists.
  std::function<void(RunConfig&, const std::string&)> read_text;
  // From a YAML node: a null node restores the default.
  std::function<void(RunConfig&, const YAML::Node&)> read;
  std::function<std::string(const RunConfig&)> write;  // YAML text, "" when unset
};

template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};

std::string format_plain(double value);

// As format_plain, but always a real number in YAML ("1.0", not "1").
std::string format_real(double value) {
  std::string out = format_plain(value);
  if (out.find_first_of(".eEn") == std::string::npos) out += ".0";  // stays a real number in YAML
  return out;
}

// Shortest text that reads back as `value`, for messages ("0", "1e-07").
std::string format_plain(double value) {
  char text[64];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

std::string describe_node(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  return "'" + node.Scalar() + "'";
}

std::string scalar_of(const YAML::Node& node, const std::string& key, const char* what) {
  if (!node.IsScalar()) throw FieldError{key + " must be " + what + ", got " + describe_node(node)};
  return node.Scalar();
}

int64_t parse_integer(const std::string& text, const std::string& key, int64_t lo, int64_t hi) {
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE) {
    throw FieldError{key + " must be a whole number, got '" + text + "'"};
  }
  if (value < lo || value > hi) {
    throw FieldError{key + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                     ", got " + text};
  }
  return value;
}

struct RealRange {
  double lo;
  bool lo_open;
  double hi;
  bool hi_open;
  // The bound a value breaks, as a person would write it: "> 0", "< 1".
  std::string violated_bound(double v) const {
    if (lo_open ? v <= lo : v < lo) return (lo_open ? "> " : ">= ") + format_plain(lo);
    return (hi_open ? "< " : "<= ") + format_plain(hi);
  }
  bool contains(double v) const {
    return (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
  }
};

double parse_real(const std::string& text, const std::string& key, const RealRange& range) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(value)) {
    throw FieldError{key + " must be a number, got '" + text + "'"};
  }
  if (!range.contains(value)) {
    throw FieldError{key + " must be " + range.violated_bound(value) + ", got " + text};
  }
  return value;
}

// --- Field makers: `get` returns a reference to the member inside a RunConfig. ------------------

// A scalar field: `read_text` does the work; the YAML reader only takes the scalar out of its node.
Field scalar_field(const std::string& key, std::string help, const char* what,
                   std::function<void(RunConfig&, const std::string&)> read_text,
                   std::function<std::string(const RunConfig&)> write) {
  Field field{key, std::move(help), false, std::move(read_text), nullptr, std::move(write)};
  field.read = [key, what, read = field.read_text](RunConfig& config, const YAML::Node& node) {
    read(config, node.IsNull() ? std::string{} : scalar_of(node, key, what));
  };
  return field;
}

// Marks a field as one that may change while the run trains.
Field live(Field field) {
  field.live = true;
  return field;
}

template <typename Get>
Field integer_field(std::string key, std::string help, Get get, int64_t lo, int64_t hi) {
  auto read = [key, get, lo, hi](RunConfig& config, const std::string& text) {
    auto& member = get(config);
    using Member = std::decay_t<decltype(member)>;
    if (text.empty()) {
      RunConfig defaults;
      member = get(defaults);
      return;
    }
    const int64_t value = parse_integer(text, key, lo, hi);
    if constexpr (is_optional<Member>::value) {
      member = static_cast<typename Member::value_type>(value);
    } else {
      member = static_cast<Member>(value);
    }
  };
  auto write = [get](const RunConfig& config) -> std::string {
    const auto& member = get(const_cast<RunConfig&>(config));
    if constexpr (is_optional<std::decay_t<decltype(member)>>::value) {
      return member ? std::to_string(*member) : std::string{};
    } else {
      return std::to_string(member);
    }
  };
  return scalar_field(key, std::move(help), "a whole number", read, write);
}

template <typename Get>
Field real_field(std::string key, std::string help, Get get, RealRange range) {
  auto read = [key, get, range](RunConfig& config, const std::string& text) {
    auto& member = get(config);
    if (text.empty()) {
      member.reset();
      return;
    }
    member = parse_real(text, key, range);
  };
  auto write = [get](const RunConfig& config) -> std::string {
    const auto& member = get(const_cast<RunConfig&>(config));
    return member ? format_real(*member) : std::string{};
  };
  return scalar_field(key, std::move(help), "a number", read, write);
}

template <typename Enum, typename Get>
Field choice_field(std::string key, std::string help, Get get,
                   std::vector<std::pair<std::string, Enum>> choices) {
  auto read = [key, get, choices](RunConfig& config, const std::string& text) {
    auto& member = get(config);
    if (text.empty()) {
      member.reset();
      return;
    }
    std::string names;
    for (const auto& [name, value] : choices) {
      if (name == text) {
        member = value;
        return;
      }
      names += (names.empty() ? "" : ", ") + name;
    }
    throw FieldError{key + " must be one of " + names + ", got '" + text + "'"};
  };
  auto write = [get](const RunConfig& config) -> std::string {
    const auto& member = get(const_cast<RunConfig&>(config));
    return member ? to_string(*member) : std::string{};
  };
  return scalar_field(key, std::move(help), "one of the listed words", read, write);
}

template <typename Get>
Field bool_field(std::string key, std::string help, Get get) {
  auto read = [key, get](RunConfig& config, const std::string& text) {
    bool& member = get(config);
    if (text.empty()) {
      RunConfig defaults;
      member = get(defaults);
    } else if (text == "true" || text == "yes" || text == "on") {
      member = true;
    } else if (text == "false" || text == "no" || text == "off") {
      member = false;
    } else {
      throw FieldError{key + " must be true or false, got '" + text + "'"};
    }
  };
  auto write = [get](const RunConfig& config) -> std::string {
    return get(const_cast<RunConfig&>(config)) ? "true" : "false";
  };
  return scalar_field(key, std::move(help), "true or false", read, write);
}

std::string quote_string(const std::string& text) {
  YAML::Emitter emitter;
  emitter << text;
  return emitter.c_str();
}

template <typename Get, typename Check>
Field text_field(std::string key, std::string help, Get get, Check check) {
  auto read = [key, get, check](RunConfig& config, const std::string& text) {
    auto& member = get(config);
    if (text.empty()) {
      RunConfig defaults;
      member = get(defaults);
      return;
    }
    // No file name, device or folder holds a control character, and YAML would not keep one
    // (a carriage return is a line break when the file is read again).
    for (size_t i = 0; i < text.size(); ++i) {
      const auto byte = static_cast<unsigned char>(text[i]);
      if (byte < 0x20 || byte == 0x7f) {
        char where[64];
        std::snprintf(where, sizeof where, "0x%02x at character %zu", byte, i + 1);
        throw FieldError{key + " must not contain control characters, got " + where};
      }
    }
    if (const std::string problem = check(text); !problem.empty()) {
      throw FieldError{key + " " + problem + ", got '" + text + "'"};
    }
    member = text;
  };
  auto write = [get](const RunConfig& config) -> std::string {
    const std::string& member = get(const_cast<RunConfig&>(config));
    return member.empty() ? std::string{} : quote_string(member);
  };
  return scalar_field(key, std::move(help), "text", read, write);
}

template <typename Get>
Field widths_field(const std::string& key, std::string help, Get get) {
  Field field{key, std::move(help), false, nullptr, nullptr, nullptr};
  field.read = [key, get](RunConfig& config, const YAML::Node& node) {
    std::vector<int>& member = get(config);
    if (node.IsNull()) {
      member.clear();
      return;
    }
    if (!node.IsSequence() || node.size() == 0) {
      throw FieldError{key + " must be a list of channel counts such as [64, 128], got " +
                       describe_node(node)};
    }
    std::vector<int> widths;
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string element = key + "[" + std::to_string(i) + "]";
      widths.push_back(static_cast<int>(
          parse_integer(scalar_of(node[i], element, "a whole number"), element, 1, 4096)));
    }
    member = std::move(widths);
  };
  field.write = [get](const RunConfig& config) -> std::string {
    const std::vector<int>& member = get(const_cast<RunConfig&>(config));
    if (member.empty()) return {};
    std::string text = "[";
    for (size_t i = 0; i < member.size(); ++i) {
      text += (i ? ", " : "") + std::to_string(member[i]);
    }
    return text + "]";
  };
  return field;
}

std::string check_device(const std::string& text) {
  if (text == "auto" || text == "cpu" || text == "cuda") return {};
  if (text.rfind("cuda:", 0) == 0 && text.size() > 5 &&
      std::all_of(text.begin() + 5, text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return {};
  }
  return "must be auto, cpu, cuda or cuda:N";
}

std::string check_not_empty(const std::string& text) {
  return text.empty() ? "must not be empty" : std::string{};
}

std::string check_anything(const std::string&) { return {}; }

constexpr double kInf = std::numeric_limits<double>::infinity();

const std::vector<Field>& fields() {
  static const std::vector<Field> table = [] {
    std::vector<Field> f;
    f.push_back(text_field(
        "data.path",
        "training images: 'embedded' (10,000 MNIST digits built in), an IDX file or a folder",
        [](RunConfig& c) -> std::string& { return c.data.path; }, check_not_empty));
    f.push_back(integer_field(
        "data.image_size",
        "side of the square images trained on: 28, 32 or 64 (images are scaled and centre-cropped)",
        [](RunConfig& c) -> int& { return c.data.image_size; }, 28, 64));
    f.push_back(integer_field(
        "data.channels", "1 (grayscale) or 3 (RGB)",
        [](RunConfig& c) -> int& { return c.data.channels; }, 1, 3));
    f.push_back(
        choice_field<Preset>("model.preset",
                             "network pair: seed (the blog post's DCGAN) or compact (cheaper, for "
                             "CPUs); unset: seed on CUDA, compact on CPU",
                             [](RunConfig& c) -> std::optional<Preset>& { return c.model.preset; },
                             {{"seed", Preset::Seed}, {"compact", Preset::Compact}}));
    f.push_back(integer_field(
        "model.noise_dim", "length of the latent vector z fed to the generator",
        [](RunConfig& c) -> int& { return c.model.noise_dim; }, 1, 4096));
    f.push_back(
        widths_field("model.g_widths",
                     "generator channel widths (seed: 4 values, compact: 3); unset: the preset's",
                     [](RunConfig& c) -> std::vector<int>& { return c.model.g_widths; }));
    f.push_back(widths_field(
        "model.d_widths",
        "discriminator channel widths (seed: 4 values, compact: 3); unset: the preset's",
        [](RunConfig& c) -> std::vector<int>& { return c.model.d_widths; }));
    f.push_back(bool_field(
        "model.conditional",
        "class-conditional: G draws the class it is asked for and D judges image and class "
        "together (needs a labelled data set)",
        [](RunConfig& c) -> bool& { return c.model.conditional; }));
    f.push_back(integer_field(
        "model.classes", "classes of a conditional model; 0: the data set's",
        [](RunConfig& c) -> int& { return c.model.classes; }, 0, 1000));
    f.push_back(bool_field("model.spectral_norm",
                           "spectral normalisation of the discriminator's weights",
                           [](RunConfig& c) -> bool& { return c.model.spectral_norm; }));
    f.push_back(choice_field<Loop>(
        "training.loop",
        "seed-exact (the post's loop, step for step) or fast (one generator "
        "forward feeds both steps); unset: the preset's (seed: seed-exact, compact: fast)",
        [](RunConfig& c) -> std::optional<Loop>& { return c.training.loop; },
        {{"seed-exact", Loop::SeedExact}, {"fast", Loop::Fast}}));
    f.push_back(choice_field<Precision>(
        "training.precision",
        "arithmetic: fp32, or bf16 (mixed precision, faster on CPUs with AVX512-BF16)",
        [](RunConfig& c) -> std::optional<Precision>& { return c.training.precision; },
        {{"fp32", Precision::Fp32}, {"bf16", Precision::Bf16}}));
    f.push_back(choice_field<MemoryFormat>(
        "training.memory_format",
        "tensor layout for convolutions: channels-last or contiguous; unset: the faster one here",
        [](RunConfig& c) -> std::optional<MemoryFormat>& { return c.training.memory_format; },
        {{"channels-last", MemoryFormat::ChannelsLast}, {"contiguous", MemoryFormat::Contiguous}}));
    f.push_back(choice_field<Loss>(
        "training.loss",
        "the GAN objective: bce (the seed's binary cross-entropy), hinge, wgan-gp (Wasserstein "
        "with a gradient penalty; training.n_critic and training.gp_lambda) or lsgan (least "
        "squares)",
        [](RunConfig& c) -> std::optional<Loss>& { return c.training.loss; },
        {{"bce", Loss::Bce},
         {"hinge", Loss::Hinge},
         {"wgan-gp", Loss::WganGp},
         {"lsgan", Loss::Lsgan}}));
    f.push_back(integer_field(
        "training.n_critic", "wgan-gp: critic steps per generator step",
        [](RunConfig& c) -> int& { return c.training.n_critic; }, 1, 100));
    f.push_back(
        real_field("training.gp_lambda", "wgan-gp: weight of the gradient penalty; unset: 10",
                   [](RunConfig& c) -> std::optional<double>& { return c.training.gp_lambda; },
                   {0, false, 1e6, false}));
    f.push_back(integer_field(
        "training.batch_size", "images per batch (for D's real and fake steps and for G's step)",
        [](RunConfig& c) -> int& { return c.training.batch_size; }, 1, 65536));
    f.push_back(live(integer_field(
        "training.iterations", "length of the run in iterations (set this or training.epochs)",
        [](RunConfig& c) -> std::optional<int64_t>& { return c.training.iterations; }, 1,
        int64_t{1000000000})));
    f.push_back(live(real_field(
        "training.epochs",
        "length of the run in passes over the data set (set this or training.iterations)",
        [](RunConfig& c) -> std::optional<double>& { return c.training.epochs; },
        {0, true, 1e6, false})));
    f.push_back(live(real_field(
        "training.learning_rate_d", "Adam learning rate of the discriminator; unset: the preset's",
        [](RunConfig& c) -> std::optional<double>& { return c.training.learning_rate_d; },
        {0, true, 10, false})));
    f.push_back(live(real_field(
        "training.learning_rate_g", "Adam learning rate of the generator; unset: the preset's",
        [](RunConfig& c) -> std::optional<double>& { return c.training.learning_rate_g; },
        {0, true, 10, false})));
    f.push_back(
        live(real_field("training.beta1", "Adam beta1 for both networks; unset: the preset's",
                        [](RunConfig& c) -> std::optional<double>& { return c.training.beta1; },
                        {0, false, 1, true})));
    f.push_back(
        live(real_field("training.beta2", "Adam beta2 for both networks; unset: the preset's",
                        [](RunConfig& c) -> std::optional<double>& { return c.training.beta2; },
                        {0, false, 1, true})));
    f.push_back(
        real_field("training.epsilon", "Adam epsilon for both networks; unset: the preset's",
                   [](RunConfig& c) -> std::optional<double>& { return c.training.epsilon; },
                   {0, true, 1, false}));
    f.push_back(real_field(
        "training.g_average",
        "decay of the moving average of G's weights that draws samples, grids and exports (0: "
        "off); unset: the preset's (seed 0, compact 0.999)",
        [](RunConfig& c) -> std::optional<double>& { return c.training.g_average; },
        {0, false, 1, true}));
    f.push_back(integer_field(
        "training.seed", "random seed: the same seed, device and threads give the same run on CPU",
        [](RunConfig& c) -> int64_t& { return c.training.seed; }, 0,
        std::numeric_limits<int64_t>::max()));
    f.push_back(text_field(
        "training.device", "auto (CUDA when available, else CPU), cpu, cuda or cuda:N",
        [](RunConfig& c) -> std::string& { return c.training.device; }, check_device));
    f.push_back(integer_field(
        "training.threads", "CPU threads for training; 0: one per core",
        [](RunConfig& c) -> int& { return c.training.threads; }, 0, 1024));
    f.push_back(text_field(
        "outputs.run_dir",
        "folder for config.yaml, metrics.csv, samples/ and checkpoints/; unset: runs/<date>-<time>",
        [](RunConfig& c) -> std::string& { return c.outputs.run_dir; }, check_anything));
    f.push_back(live(integer_field(
        "outputs.sample_every", "iterations between 8x8 sample grids; 0: never",
        [](RunConfig& c) -> int64_t& { return c.outputs.sample_every; }, 0, int64_t{1000000000})));
    f.push_back(integer_field(
        "outputs.checkpoint_every", "iterations between checkpoints; 0: only at the end",
        [](RunConfig& c) -> int64_t& { return c.outputs.checkpoint_every; }, 0,
        int64_t{1000000000}));
    f.push_back(integer_field(
        "outputs.keep_checkpoints", "numbered checkpoints kept in the run folder; 0: keep all",
        [](RunConfig& c) -> int& { return c.outputs.keep_checkpoints; }, 0, 1000000));
    f.push_back(integer_field(
        "outputs.keep_every",
        "also keep the checkpoints at multiples of this many iterations, to rewind and branch "
        "from; 0: only the last outputs.keep_checkpoints",
        [](RunConfig& c) -> int64_t& { return c.outputs.keep_every; }, 0, int64_t{1000000000}));
    f.push_back(bool_field(
        "outputs.tensorboard",
        "write TensorBoard event files (events.out.tfevents.*) into the run folder: every "
        "statistic of metrics.csv and quality.csv, the sample grids and the configuration",
        [](RunConfig& c) -> bool& { return c.outputs.tensorboard; }));
    f.push_back(integer_field(
        "quality.every",
        "iterations between measurements of sample quality (quality.csv); 0: never",
        [](RunConfig& c) -> int64_t& { return c.quality.every; }, 0, int64_t{1000000000}));
    f.push_back(integer_field(
        "quality.samples", "samples generated for each quality measurement",
        [](RunConfig& c) -> int& { return c.quality.samples; }, 10, 100000));
    f.push_back(bool_field(
        "health.pause_on_divergence",
        "pause when a loss or gradient becomes NaN, infinite or explodes (false: end the run)",
        [](RunConfig& c) -> bool& { return c.health.pause_on_divergence; }));
    f.push_back(bool_field("health.pause_on_collapse",
                           "pause when the health monitor sees mode collapse",
                           [](RunConfig& c) -> bool& { return c.health.pause_on_collapse; }));
    f.push_back(bool_field("health.pause_on_dominance",
                           "pause when D wins every time for a long stretch",
                           [](RunConfig& c) -> bool& { return c.health.pause_on_dominance; }));
    f.push_back(bool_field("health.pause_on_spike", "pause on a gradient-norm spike",
                           [](RunConfig& c) -> bool& { return c.health.pause_on_spike; }));
    return f;
  }();
  return table;
}

const std::vector<std::string> kSections = {"data",    "model",   "training",
                                            "outputs", "quality", "health"};

const Field* find_field(const std::string& key) {
  for (const Field& field : fields()) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1u : 0u)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean training.learning_rate_d?)" when a known name is one or two typos away.
std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
  auto leaf = [](const std::string& name) { return name.substr(name.rfind('.') + 1); };
  const std::string typed = leaf(word);
  std::string best;
  size_t best_distance = std::max<size_t>(1, typed.size() / 3) + 1;
  for (const std::string& candidate : candidates) {
    const size_t distance = edit_distance(typed, leaf(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best.empty() ? std::string{} : " (did you mean " + best + "?)";
}

std::string location(const std::string& name, const YAML::Mark& mark) {
  if (mark.is_null()) return name;
  return name + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string key_text(const YAML::Node& key_node, const std::string& name) {
  if (!key_node.IsScalar()) {
    throw ConfigError(location(name, key_node.Mark()) + ": keys must be plain words");
  }
  return key_node.Scalar();
}

// Keys that contradict each other. `located`: start the message with where training.epochs was set.
void check_consistency(const RunConfig& config, bool located = true) {
  auto at = [&](const std::string& key) { return located ? config.where(key) : std::string{}; };
  if (config.training.iterations && config.training.epochs) {
    throw ConfigError(at("training.epochs") +
                      "training.epochs and training.iterations are both set; set only one");
  }
  const int side = config.data.image_size;
  if (side != 28 && side != 32 && side != 64) {
    throw ConfigError(at("data.image_size") + "data.image_size must be 28, 32 or 64, got " +
                      std::to_string(side));
  }
  if (config.data.channels != 1 && config.data.channels != 3) {
    throw ConfigError(at("data.channels") + "data.channels must be 1 or 3, got " +
                      std::to_string(config.data.channels));
  }
}

void read_section(RunConfig& config, const std::string& section, const YAML::Node& body,
                  const std::string& name) {
  if (body.IsNull()) return;
  if (!body.IsMap()) {
    throw ConfigError(location(name, body.Mark()) + ": " + section +
                      " must be a mapping of keys to values, got " + describe_node(body));
  }
  std::vector<std::string> known;
  for (const Field& field : fields()) {
    if (field.key.rfind(section + ".", 0) == 0) known.push_back(field.key);
  }
  std::set<std::string> seen;
  for (const auto& entry : body) {
    const std::string key = section + "." + key_text(entry.first, name);
    const Field* field = find_field(key);
    if (!field) {
      throw ConfigError(location(name, entry.first.Mark()) + ": unknown key " + key +
                        suggestion(key, known));
    }
    if (!seen.insert(key).second) {
      throw ConfigError(location(name, entry.first.Mark()) + ": " + key + " is set twice");
    }
    const std::string at = location(name, entry.second.Mark());
    try {
      field->read(config, entry.second);
    } catch (const FieldError& error) {
      throw ConfigError(at + ": " + error.message);
    }
    config.origins[key] = at;
  }
}

}  // namespace

// --- Names --------------------------------------------------------------------------------------

std::string to_string(Preset preset) { return preset == Preset::Seed ? "seed" : "compact"; }
std::string to_string(Loop loop) { return loop == Loop::SeedExact ? "seed-exact" : "fast"; }
std::string to_string(MemoryFormat format) {
  return format == MemoryFormat::ChannelsLast ? "channels-last" : "contiguous";
}

std::string to_string(Loss loss) {
  switch (loss) {
    case Loss::Hinge:
      return "hinge";
    case Loss::WganGp:
      return "wgan-gp";
    case Loss::Lsgan:
      return "lsgan";
    case Loss::Bce:
      break;
  }
  return "bce";
}

std::string to_string(Precision precision) {
  return precision == Precision::Fp32 ? "fp32" : "bf16";
}

std::string RunConfig::where(const std::string& key) const {
  const auto it = origins.find(key);
  return it == origins.end() ? std::string{} : it->second + ": ";
}

// --- Reading ------------------------------------------------------------------------------------

RunConfig parse_config(const std::string& yaml_text, const std::string& name) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& error) {
    throw ConfigError(location(name, error.mark) + ": YAML syntax error: " + error.msg);
  }
  RunConfig config;
  if (!root || root.IsNull()) return config;
  if (!root.IsMap()) {
    throw ConfigError(location(name, root.Mark()) +
                      ": a run configuration is a mapping with the sections data, model, training "
                      "and outputs");
  }
  std::set<std::string> seen;
  for (const auto& entry : root) {
    const std::string section = key_text(entry.first, name);
    if (std::find(kSections.begin(), kSections.end(), section) == kSections.end()) {
      throw ConfigError(location(name, entry.first.Mark()) + ": unknown section " + section +
                        suggestion(section, kSections) +
                        "; the sections are data, model, training, outputs, quality and health");
    }
    if (!seen.insert(section).second) {
      throw ConfigError(location(name, entry.first.Mark()) + ": section " + section +
                        " appears twice");
    }
    read_section(config, section, entry.second, name);
  }
  check_consistency(config);
  return config;
}

RunConfig load_config(const std::string& path) {
  std::string text;
  try {
    text = read_file(path);
  } catch (const Error& error) {
    throw ConfigError(error.what());
  }
  return parse_config(text, path);
}

void set_value(RunConfig& config, const std::string& key, const std::string& value_text,
               const std::string& origin) {
  const Field* field = find_field(key);
  if (!field) {
    throw ConfigError("unknown key " + key + suggestion(key, config_keys()));
  }
  YAML::Node node;
  try {
    node = YAML::Load(value_text);
  } catch (const YAML::ParserException& error) {
    throw ConfigError(key + ": '" + value_text + "' is not a YAML value (" + error.msg + ")");
  }
  RunConfig updated = config;
  try {
    field->read(updated, node);
  } catch (const FieldError& error) {
    throw ConfigError(error.message);
  }
  updated.origins[key] = origin;
  check_consistency(updated, /*located=*/false);
  config = std::move(updated);
}

void unset_value(RunConfig& config, const std::string& key) {
  const Field* field = find_field(key);
  if (!field) throw ConfigError("unknown key " + key + suggestion(key, config_keys()));
  field->read(config, YAML::Node(YAML::NodeType::Null));
  config.origins.erase(key);
}

void apply_assignment(RunConfig& config, const std::string& assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw ConfigError("--set " + assignment + ": expected key=value, for example training.seed=3");
  }
  const std::string key = assignment.substr(0, equals);
  const std::string origin = "--set " + assignment;
  try {
    set_value(config, key, assignment.substr(equals + 1), origin);
  } catch (const ConfigError& error) {
    throw ConfigError(origin + ": " + error.what());
  }
}

std::string get_value(const RunConfig& config, const std::string& key) {
  const Field* field = find_field(key);
  if (!field) throw ConfigError("unknown key " + key);
  return field->write(config);
}

void set_text(RunConfig& config, const std::string& key, const std::string& text,
              const std::string& origin) {
  const Field* field = find_field(key);
  if (!field) throw ConfigError("unknown key " + key + suggestion(key, config_keys()));
  if (!field->read_text) {
    set_value(config, key, text, origin);  // a list: its text is YAML ("[64, 32]")
    return;
  }
  RunConfig updated = config;
  try {
    field->read_text(updated, text);
  } catch (const FieldError& error) {
    throw ConfigError(error.message);
  }
  if (text.empty()) {
    updated.origins.erase(key);
  } else {
    updated.origins[key] = origin;
  }
  check_consistency(updated, /*located=*/false);
  config = std::move(updated);
}

std::string check_value(const std::string& key, const std::string& text) {
  RunConfig scratch;
  try {
    set_text(scratch, key, text, "");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return {};
}

std::string unusual_value(const std::string& key, const std::string& text) {
  if (text.empty() || !check_value(key, text).empty()) return {};
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str()) return {};
  std::ostringstream out;
  out << key << " = " << text << " is unusual: ";
  if (key == "training.learning_rate_d" || key == "training.learning_rate_g") {
    if (value >= 1e-5 && value <= 1e-2) return {};
    out << "Adam's learning rate for a DCGAN is usually between 0.00001 and 0.01 (the seed uses "
           "0.0002)";
  } else if (key == "training.beta1") {
    if (value <= 0.95) return {};
    out << "GANs usually train with beta1 between 0 and 0.9 (the seed uses 0.5)";
  } else if (key == "training.beta2") {
    if (value >= 0.9) return {};
    out << "beta2 is usually 0.99 or 0.999";
  } else if (key == "training.batch_size") {
    if (value <= 1024) return {};
    out << "batches above 1024 make few, slow updates on these data sets";
  } else {
    return {};
  }
  return out.str();
}

bool is_live_key(const std::string& key) {
  const Field* field = find_field(key);
  return field && field->live;
}

const std::vector<std::string>& live_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const Field& field : fields()) {
      if (field.live) out.push_back(field.key);
    }
    return out;
  }();
  return keys;
}

const std::vector<std::string>& config_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const Field& field : fields()) out.push_back(field.key);
    return out;
  }();
  return keys;
}

std::string describe_key(const std::string& key) {
  const Field* field = find_field(key);
  return field ? field->help : std::string{};
}

// --- Writing ------------------------------------------------------------------------------------

std::string to_yaml(const RunConfig& config) {
  std::string out = "# GanStudio run configuration (keys: see README.md, 'Configuration')\n";
  for (const std::string& section : kSections) {
    out += "\n" + section + ":\n";
    for (const Field& field : fields()) {
      if (field.key.rfind(section + ".", 0) != 0) continue;
      const std::string value = field.write(config);
      if (value.empty()) continue;
      out += "  # " + field.help + "\n";
      out += "  " + field.key.substr(section.size() + 1) + ": " + value + "\n";
    }
  }
  return out;
}

void save_config(const RunConfig& config, const std::string& path) {
  write_file_atomically(path, to_yaml(config));
}

// --- Resolution ---------------------------------------------------------------------------------

namespace {

struct PresetDefaults {
  std::vector<int> g_widths;
  std::vector<int> d_widths;
  double learning_rate;
  double beta1;
  double beta2;
  double epsilon;
  Loop loop;
  double g_average;
  const char* g_widths_meaning;
  const char* d_widths_meaning;
};

PresetDefaults defaults_of(Preset preset) {
  if (preset == Preset::Seed) {
    // The post: Dense(7*7*64), Conv2D 128, 64, 64 in G; Conv2D 64, 64, 128, 128 in D; Keras
    // Adam(1e-4).
    return {{64, 128, 64, 64},
            {64, 64, 128, 128},
            1e-4,
            0.9,
            0.999,
            1e-7,
            Loop::SeedExact,
            0.0,
            "the dense layer's channels, then three convolutions",
            "four convolutions"};
  }
  // The PyTorch C++ DCGAN example's transposed-convolution pair at a quarter of its widths, with
  // Adam(4e-4, 0.5), the fast loop and samples from a moving average of G: the best quality per
  // minute measured on a 2-core CPU (docs/PERFORMANCE.md, "Quality per minute"). The example's own
  // widths are G [256, 128, 64], D [64, 128, 256].
  return {{64, 32, 16},
          {16, 32, 64},
          4e-4,
          0.5,
          0.999,
          1e-8,
          Loop::Fast,
          0.999,
          "three transposed convolutions",
          "three convolutions"};
}

void check_widths(const RunConfig& config, const std::string& key, const std::vector<int>& widths,
                  size_t expected, const char* meaning) {
  if (widths.size() != expected) {
    throw ConfigError(config.where(key) + key + " has " + std::to_string(widths.size()) +
                      " values; the " + to_string(*config.model.preset) + " preset takes " +
                      std::to_string(expected) + " (" + meaning + ")");
  }
}

}  // namespace

RunConfig resolve(RunConfig config, bool cuda) {
  check_consistency(config);
  if (!config.model.preset) config.model.preset = cuda ? Preset::Seed : Preset::Compact;
  const PresetDefaults defaults = defaults_of(*config.model.preset);
  if (config.model.g_widths.empty()) config.model.g_widths = defaults.g_widths;
  if (config.model.d_widths.empty()) config.model.d_widths = defaults.d_widths;
  check_widths(config, "model.g_widths", config.model.g_widths, defaults.g_widths.size(),
               defaults.g_widths_meaning);
  check_widths(config, "model.d_widths", config.model.d_widths, defaults.d_widths.size(),
               defaults.d_widths_meaning);
  TrainingConfig& t = config.training;
  if (!t.loop) t.loop = defaults.loop;
  if (!t.g_average) t.g_average = defaults.g_average;
  if (!t.precision) t.precision = Precision::Fp32;
  if (!t.loss) t.loss = Loss::Bce;
  if (!t.gp_lambda) t.gp_lambda = 10.0;
  if (!t.memory_format) t.memory_format = MemoryFormat::ChannelsLast;
  if (!t.iterations && !t.epochs) t.iterations = kDefaultIterations;
  if (!t.learning_rate_d) t.learning_rate_d = defaults.learning_rate;
  if (!t.learning_rate_g) t.learning_rate_g = defaults.learning_rate;
  if (!t.beta1) t.beta1 = defaults.beta1;
  if (!t.beta2) t.beta2 = defaults.beta2;
  if (!t.epsilon) t.epsilon = defaults.epsilon;
  return config;
}

int64_t total_iterations(const TrainingConfig& training, int64_t dataset_size) {
  if (training.iterations) return *training.iterations;
  if (training.epochs) {
    const double iterations =
        std::ceil(*training.epochs * static_cast<double>(dataset_size) / training.batch_size);
    return std::max<int64_t>(1, static_cast<int64_t>(iterations));
  }
  return kDefaultIterations;
}

std::string architecture_summary(const ModelConfig& model) {
  auto list = [](const std::vector<int>& widths) {
    std::string text = "[";
    for (size_t i = 0; i < widths.size(); ++i) text += (i ? ", " : "") + std::to_string(widths[i]);
    return text + "]";
  };
  return (model.preset ? to_string(*model.preset) : std::string("auto")) + ", noise " +
         std::to_string(model.noise_dim) + ", G " + list(model.g_widths) + ", D " +
         list(model.d_widths) + (model.conditional ? ", conditional" : "") +
         (model.conditional && model.classes > 0
              ? " on " + std::to_string(model.classes) + " classes"
              : std::string{}) +
         (model.spectral_norm ? ", spectral norm" : "");
}

std::string architecture_summary(const RunConfig& config) {
  const ImageShape shape = image_shape(config);
  std::string text = architecture_summary(config.model);
  if (shape.channels != 1 || shape.side != 28) {
    text += ", " + std::to_string(shape.channels) + " x " + std::to_string(shape.side) + " x " +
            std::to_string(shape.side);
  }
  return text;
}

ImageShape image_shape(const RunConfig& config) {
  return {config.data.channels, config.data.image_size};
}

}  // namespace gs
