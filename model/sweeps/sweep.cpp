#include "model/sweeps/sweep.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <sstream>

#include "model/config/config.h"
#include "model/config/settings.h"
#include "model/io/error.h"
#include "model/io/json_text.h"

namespace gs {

namespace {

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

double range_end(const std::string& key, const std::string& text, const std::string& assignment) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(value)) {
    throw ConfigError(key + ": the range's end '" + text + "' is not a number (" + assignment +
                      ")");
  }
  return value;
}

// The value as `key` takes it, or ConfigError with the key's own words.
void check_setting(const std::string& key, const std::string& value) {
  RunConfig config;
  set_value(config, key, value, "--set " + key);
}

}  // namespace

std::string Dimension::text() const {
  if (kind == Kind::List) {
    std::string joined;
    for (size_t i = 0; i < values.size(); ++i) joined += (i ? "," : "") + values[i];
    return key + "=" + joined;
  }
  return key + "=" + (kind == Kind::Log ? "log:" : "lin:") + number_text(low) + ".." +
         number_text(high);
}

Dimension parse_dimension(const std::string& assignment) {
  const size_t equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw ConfigError("'" + assignment + "' is not key=values (key=v1,v2 or key=log:A..B)");
  }
  Dimension dimension;
  dimension.key = assignment.substr(0, equals);
  const std::string values = assignment.substr(equals + 1);
  if (!setting_info(dimension.key)) {
    throw ConfigError(dimension.key + " is not a configuration key (" + assignment + ")");
  }
  const bool log = values.rfind("log:", 0) == 0;
  if (log || values.rfind("lin:", 0) == 0) {
    dimension.kind = log ? Dimension::Kind::Log : Dimension::Kind::Lin;
    const std::string range = values.substr(4);
    const size_t dots = range.find("..");
    if (dots == std::string::npos) {
      throw ConfigError(dimension.key + ": a range is " + (log ? "log" : "lin") +
                        ":LOW..HIGH, got '" + values + "'");
    }
    dimension.low = range_end(dimension.key, range.substr(0, dots), assignment);
    dimension.high = range_end(dimension.key, range.substr(dots + 2), assignment);
    if (dimension.low > dimension.high) std::swap(dimension.low, dimension.high);
    if (log && dimension.low <= 0) {
      throw ConfigError(dimension.key + ": a log range needs positive ends, got '" + values + "'");
    }
    check_setting(dimension.key, number_text(dimension.low));
    check_setting(dimension.key, number_text(dimension.high));
    return dimension;
  }
  // A list, split on commas outside brackets (widths are lists themselves: [64, 32],[32, 16]).
  std::string current;
  int depth = 0;
  for (const char c : values) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == ',' && depth == 0) {
      dimension.values.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  dimension.values.push_back(current);
  for (std::string& value : dimension.values) {
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of(' ') + 1);
    if (value.empty()) throw ConfigError(dimension.key + ": an empty value in '" + values + "'");
    check_setting(dimension.key, value);
  }
  return dimension;
}

std::string to_string(SweepMethod method) {
  switch (method) {
    case SweepMethod::Random:
      return "random";
    case SweepMethod::Halving:
      return "halving";
    case SweepMethod::Grid:
      break;
  }
  return "grid";
}

SweepMethod parse_sweep_method(const std::string& text) {
  if (text == "grid") return SweepMethod::Grid;
  if (text == "random") return SweepMethod::Random;
  if (text == "halving") return SweepMethod::Halving;
  throw Error("the method must be grid, random or halving, got '" + text + "'");
}

std::string Budget::text() const {
  if (kind == Kind::Iterations) return std::to_string(static_cast<int64_t>(amount)) + "i";
  return number_text(amount) + "s";
}

Budget parse_budget(const std::string& text) {
  Budget budget;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  const std::string unit = end ? std::string(end) : std::string();
  double scale = 1;
  if (unit == "i" || unit == "it") {
    budget.kind = Budget::Kind::Iterations;
  } else if (unit == "m") {
    scale = 60;
  } else if (unit == "h") {
    scale = 3600;
  } else if (!unit.empty() && unit != "s") {
    throw Error("the budget must be a time (90s, 3m, 2h) or iterations (5000i), got '" + text +
                "'");
  }
  if (text.empty() || end == text.c_str() || !(value > 0) || !std::isfinite(value)) {
    throw Error("the budget must be positive: a time (90s, 3m, 2h) or iterations (5000i), got '" +
                text + "'");
  }
  budget.amount = value * scale;
  return budget;
}

std::string to_string(TrialState state) {
  switch (state) {
    case TrialState::Running:
      return "running";
    case TrialState::Finished:
      return "finished";
    case TrialState::Halted:
      return "stopped early";
    case TrialState::Diverged:
      return "diverged";
    case TrialState::Failed:
      return "failed";
    case TrialState::Pending:
      break;
  }
  return "pending";
}

namespace {

TrialState trial_state_from(const std::string& text, const std::string& name) {
  for (TrialState state : {TrialState::Pending, TrialState::Running, TrialState::Finished,
                           TrialState::Halted, TrialState::Diverged, TrialState::Failed}) {
    if (to_string(state) == text) return state;
  }
  throw Error(name + ": a trial's state '" + text + "' is unknown");
}

std::string trial_name(size_t index) {
  char text[32];
  std::snprintf(text, sizeof text, "trial-%03zu", index + 1);
  return text;
}

}  // namespace

std::vector<Trial> plan_trials(const Sweep& sweep) {
  std::vector<std::map<std::string, std::string>> combinations;
  if (sweep.method == SweepMethod::Grid) {
    combinations.emplace_back();
    for (const Dimension& dimension : sweep.space) {
      if (dimension.kind != Dimension::Kind::List) {
        throw Error("a grid needs lists of values, and " + dimension.key +
                    " is a range: use --method random or halving, or list its values");
      }
      std::vector<std::map<std::string, std::string>> next;
      for (const auto& partial : combinations) {
        for (const std::string& value : dimension.values) {
          auto combination = partial;
          combination[dimension.key] = value;
          next.push_back(std::move(combination));
        }
      }
      combinations = std::move(next);
    }
  } else {
    if (sweep.trials_wanted < 1) throw Error("--trials must be at least 1");
    std::mt19937_64 rng(sweep.seed);
    for (int i = 0; i < sweep.trials_wanted; ++i) {
      std::map<std::string, std::string> combination;
      for (const Dimension& dimension : sweep.space) {
        const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
        switch (dimension.kind) {
          case Dimension::Kind::List:
            combination[dimension.key] = dimension.values[std::min(
                dimension.values.size() - 1, static_cast<size_t>(u * dimension.values.size()))];
            break;
          case Dimension::Kind::Log:
            combination[dimension.key] =
                number_text(std::exp(std::log(dimension.low) +
                                     u * (std::log(dimension.high) - std::log(dimension.low))));
            break;
          case Dimension::Kind::Lin:
            combination[dimension.key] =
                number_text(dimension.low + u * (dimension.high - dimension.low));
            break;
        }
      }
      combinations.push_back(std::move(combination));
    }
  }
  std::vector<Trial> trials;
  for (size_t i = 0; i < combinations.size(); ++i) {
    Trial trial;
    trial.name = trial_name(i);
    trial.settings = std::move(combinations[i]);
    trials.push_back(std::move(trial));
  }
  return trials;
}

std::vector<std::string> quick_sweep_space() {
  return {"training.learning_rate_d=log:1e-4..2e-3", "training.learning_rate_g=log:1e-4..2e-3",
          "training.beta1=lin:0..0.9", "training.loss=bce,hinge"};
}

std::vector<int> halving_rungs(int count) {
  std::vector<int> rungs;
  for (int kept = std::max(1, count);; kept = (kept + 1) / 2) {
    rungs.push_back(kept);
    if (kept == 1) break;
  }
  return rungs;
}

std::vector<const Trial*> ranked(const Sweep& sweep) {
  std::vector<const Trial*> order;
  order.reserve(sweep.trials.size());
  for (const Trial& trial : sweep.trials) order.push_back(&trial);
  std::stable_sort(order.begin(), order.end(), [](const Trial* a, const Trial* b) {
    if (a->fd.has_value() != b->fd.has_value()) return a->fd.has_value();
    if (!a->fd) return false;
    if (*a->fd != *b->fd) return *a->fd < *b->fd;
    return a->classes_covered > b->classes_covered;
  });
  return order;
}

std::string to_yaml(const Sweep& sweep) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "method" << YAML::Value << to_string(sweep.method);
  out << YAML::Key << "budget" << YAML::Value << sweep.budget.text();
  out << YAML::Key << "trials_wanted" << YAML::Value << sweep.trials_wanted;
  out << YAML::Key << "seed" << YAML::Value << sweep.seed;
  out << YAML::Key << "parallel" << YAML::Value << sweep.parallel;
  out << YAML::Key << "samples" << YAML::Value << sweep.samples;
  out << YAML::Key << "elapsed_s" << YAML::Value << sweep.elapsed_s;
  out << YAML::Key << "space" << YAML::Value << YAML::BeginSeq;
  for (const Dimension& dimension : sweep.space) out << dimension.text();
  out << YAML::EndSeq;
  out << YAML::Key << "fixed" << YAML::Value << YAML::BeginSeq;
  for (const std::string& assignment : sweep.fixed) out << assignment;
  out << YAML::EndSeq;
  out << YAML::Key << "trials" << YAML::Value << YAML::BeginSeq;
  for (const Trial& trial : sweep.trials) {
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << trial.name;
    out << YAML::Key << "state" << YAML::Value << to_string(trial.state);
    out << YAML::Key << "settings" << YAML::Value << YAML::BeginMap;
    for (const auto& [key, value] : trial.settings) out << YAML::Key << key << YAML::Value << value;
    out << YAML::EndMap;
    out << YAML::Key << "rung" << YAML::Value << trial.rung;
    out << YAML::Key << "target" << YAML::Value << trial.target;
    out << YAML::Key << "seconds_left" << YAML::Value << trial.seconds_left;
    out << YAML::Key << "iterations" << YAML::Value << trial.iterations;
    out << YAML::Key << "seconds" << YAML::Value << trial.seconds;
    if (trial.fd) out << YAML::Key << "fd" << YAML::Value << *trial.fd;
    out << YAML::Key << "classes_covered" << YAML::Value << trial.classes_covered;
    out << YAML::Key << "classes" << YAML::Value << trial.classes;
    if (!trial.message.empty()) out << YAML::Key << "message" << YAML::Value << trial.message;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::EndMap;
  return std::string("# A GanStudio sweep: ganstudio-cli sweep --status DIR prints it.\n") +
         out.c_str() + "\n";
}

Sweep parse_sweep(const std::string& yaml_text, const std::string& name) {
  Sweep sweep;
  try {
    const YAML::Node root = YAML::Load(yaml_text);
    if (!root.IsMap()) throw Error(name + ": not a sweep (no map at the top)");
    sweep.method = parse_sweep_method(root["method"].as<std::string>());
    sweep.budget = parse_budget(root["budget"].as<std::string>());
    sweep.trials_wanted = root["trials_wanted"].as<int>(0);
    sweep.seed = root["seed"].as<uint64_t>(0);
    sweep.parallel = std::max(1, root["parallel"].as<int>(1));
    sweep.samples = root["samples"].as<int>(500);
    sweep.elapsed_s = root["elapsed_s"].as<double>(0);
    for (const auto& dimension : root["space"]) {
      sweep.space.push_back(parse_dimension(dimension.as<std::string>()));
    }
    for (const auto& assignment : root["fixed"])
      sweep.fixed.push_back(assignment.as<std::string>());
    for (const auto& node : root["trials"]) {
      Trial trial;
      trial.name = node["name"].as<std::string>();
      if (trial.name.empty() || trial.name.find('/') != std::string::npos || trial.name[0] == '.') {
        throw Error(name + ": a trial's name '" + trial.name + "' is not a folder name");
      }
      trial.state = trial_state_from(node["state"].as<std::string>(), name);
      for (const auto& setting : node["settings"]) {
        trial.settings[setting.first.as<std::string>()] = setting.second.as<std::string>();
      }
      trial.rung = node["rung"].as<int>(0);
      trial.target = node["target"].as<int64_t>(0);
      trial.seconds_left = node["seconds_left"].as<double>(0);
      trial.iterations = node["iterations"].as<int64_t>(0);
      trial.seconds = node["seconds"].as<double>(0);
      if (node["fd"]) trial.fd = node["fd"].as<double>();
      trial.classes_covered = node["classes_covered"].as<int>(0);
      trial.classes = node["classes"].as<int>(0);
      if (node["message"]) trial.message = node["message"].as<std::string>();
      sweep.trials.push_back(std::move(trial));
    }
  } catch (const Error& error) {
    throw Error(name + ": " + error.what());
  } catch (const YAML::Exception& error) {
    throw Error(name + ": not a readable sweep (" + error.msg + ")");
  }
  return sweep;
}

namespace {

std::string settings_text(const Trial& trial) {
  std::string text;
  for (const auto& [key, value] : trial.settings) {
    text += (text.empty() ? "" : " ") + key.substr(key.find('.') + 1) + "=" + value;
  }
  return text;
}

}  // namespace

std::string summary_table(const Sweep& sweep) {
  std::ostringstream out;
  out << to_string(sweep.method) << " sweep, budget " << sweep.budget.text() << ", "
      << sweep.trials.size() << " trials, " << sweep.parallel << " at a time; best first:\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-4s %-10s %-14s %10s %8s %8s %8s  %s\n", "rank", "trial",
                "state", "iterations", "time s", "FD", "classes", "settings");
  out << line;
  int rank = 0;
  for (const Trial* trial : ranked(sweep)) {
    ++rank;
    char fd[32] = "-";
    if (trial->fd) std::snprintf(fd, sizeof fd, "%.2f", *trial->fd);
    const std::string classes = trial->classes > 0 ? std::to_string(trial->classes_covered) + "/" +
                                                         std::to_string(trial->classes)
                                                   : std::string("-");
    std::snprintf(line, sizeof line, "%-4d %-10s %-14s %10lld %8.0f %8s %8s  %s\n", rank,
                  trial->name.c_str(), to_string(trial->state).c_str(),
                  static_cast<long long>(trial->iterations), trial->seconds, fd, classes.c_str(),
                  settings_text(*trial).c_str());
    out << line;
  }
  return out.str();
}

std::string summary_json(const Sweep& sweep) {
  std::ostringstream out;
  out << "{\"method\": " << json_string(to_string(sweep.method))
      << ", \"budget\": " << json_string(sweep.budget.text())
      << ", \"parallel\": " << sweep.parallel << ", \"elapsed_s\": " << sweep.elapsed_s
      << ", \"trials\": [";
  bool first = true;
  for (const Trial* trial : ranked(sweep)) {
    out << (first ? "" : ", ") << "{\"name\": " << json_string(trial->name)
        << ", \"state\": " << json_string(to_string(trial->state))
        << ", \"iterations\": " << trial->iterations << ", \"seconds\": " << trial->seconds
        << ", \"fd\": " << (trial->fd ? number_text(*trial->fd) : std::string("null"))
        << ", \"classes_covered\": " << trial->classes_covered << ", \"settings\": {";
    bool first_setting = true;
    for (const auto& [key, value] : trial->settings) {
      out << (first_setting ? "" : ", ") << json_string(key) << ": " << json_string(value);
      first_setting = false;
    }
    out << "}}";
    first = false;
  }
  out << "]}\n";
  return out.str();
}

}  // namespace gs
