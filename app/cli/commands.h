// The CLI's subcommands. Each returns the process exit code (0 success, 1 failure); usage mistakes
// throw UsageError, other failures gs::Error.
#pragma once

#include "app/cli/arguments.h"

namespace gs::cli {

int run_train(Arguments& args);
int run_sample(Arguments& args);
int run_export(Arguments& args);
int run_bench(Arguments& args);

extern const char* const kTrainUsage;
extern const char* const kSampleUsage;
extern const char* const kExportUsage;
extern const char* const kBenchUsage;

}  // namespace gs::cli
