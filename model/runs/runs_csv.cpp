#include "model/runs/runs_csv.h"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "model/config/config.h"
#include "model/config/settings.h"
#include "model/io/csv_text.h"
#include "model/io/error.h"
#include "model/runs/run_directory.h"

namespace gs {

namespace {

std::string number(double value) {
  if (!std::isfinite(value)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

}  // namespace

std::string runs_csv(const std::vector<RunSummary>& runs) {
  std::vector<std::string> keys;
  for (const SettingInfo& info : setting_infos()) {
    if (info.describes_run) keys.push_back(info.key);
  }
  std::vector<std::string> header = {"path",
                                     "name",
                                     "started",
                                     "state",
                                     "preset",
                                     "data",
                                     "iterations_done",
                                     "iterations_planned",
                                     "fd",
                                     "classes_covered",
                                     "classes",
                                     "checkpoints",
                                     "bytes",
                                     "parent",
                                     "parent_iteration",
                                     "note",
                                     "problem"};
  header.insert(header.end(), keys.begin(), keys.end());
  std::string text = csv_line(header);
  for (const RunSummary& run : runs) {
    std::string problem = run.problem;
    std::vector<std::string> values(keys.size());
    try {
      const RunConfig config =
          load_config((std::filesystem::path(run.path) / kConfigFile).string());
      for (size_t k = 0; k < keys.size(); ++k) values[k] = get_value(config, keys[k]);
    } catch (const Error& error) {
      if (problem.empty()) problem = error.what();
    }
    std::vector<std::string> row = {run.path,
                                    run.name,
                                    run.started,
                                    run.state,
                                    run.preset,
                                    run.data,
                                    std::to_string(run.done),
                                    std::to_string(run.planned),
                                    run.fd ? number(*run.fd) : "",
                                    run.fd ? std::to_string(run.classes_covered) : "",
                                    run.fd ? std::to_string(run.classes) : "",
                                    std::to_string(run.checkpoints.size()),
                                    std::to_string(run.bytes),
                                    run.parent ? run.parent->run : "",
                                    run.parent ? std::to_string(run.parent->iteration) : "",
                                    run.note,
                                    problem};
    row.insert(row.end(), values.begin(), values.end());
    text += csv_line(row);
  }
  return text;
}

}  // namespace gs
