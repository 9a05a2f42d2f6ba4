// The configuration keys that code names outside their row of the field table (fields.cpp):
// messages that point at a key, the form's rows with a behaviour of their own, the CLI's help.
// Each key is spelled once: here, or in its row.
#pragma once

namespace gs::keys {

inline constexpr const char* kDataPath = "data.path";
inline constexpr const char* kImageSize = "data.image_size";
inline constexpr const char* kChannels = "data.channels";
inline constexpr const char* kBackground = "data.background";
inline constexpr const char* kAugment = "training.augment";
inline constexpr const char* kPreset = "model.preset";
inline constexpr const char* kGWidths = "model.g_widths";
inline constexpr const char* kDWidths = "model.d_widths";
inline constexpr const char* kConditional = "model.conditional";
inline constexpr const char* kClasses = "model.classes";
inline constexpr const char* kNCritic = "training.n_critic";
inline constexpr const char* kGpLambda = "training.gp_lambda";
inline constexpr const char* kBatchSize = "training.batch_size";
inline constexpr const char* kIterations = "training.iterations";
inline constexpr const char* kEpochs = "training.epochs";
inline constexpr const char* kLearningRateD = "training.learning_rate_d";
inline constexpr const char* kLearningRateG = "training.learning_rate_g";
inline constexpr const char* kGAverage = "training.g_average";
inline constexpr const char* kSeed = "training.seed";
inline constexpr const char* kDevice = "training.device";
inline constexpr const char* kRunDir = "outputs.run_dir";
inline constexpr const char* kTensorboard = "outputs.tensorboard";
inline constexpr const char* kQualityEvery = "quality.every";

}  // namespace gs::keys
