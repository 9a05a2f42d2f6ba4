#include "model/training/checkpoint_file.h"

#include <gtest/gtest.h>

#include <limits>

#include "model/inspect/discriminator.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/sampling/sampler.h"
#include "model/training/trainer.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::TempDir;

const auto kNoBound = [](const std::string&) { return std::numeric_limits<uint64_t>::max(); };

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  return "(no error)";
}

void put_u32(std::string& bytes, size_t at, uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

class CheckpointFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Trainer trainer(testing::tiny_config(Preset::Compact), testing::small_digits(64));
    trainer.step();
    path_ = dir_.file("c.pt");
    trainer.save_checkpoint(path_);
    bytes_ = read_file(path_);
    file_ = read_checkpoint_file(path_, kNoBound);
  }

  // Loads `bytes` as a checkpoint and returns the error message.
  std::string load_error(const std::string& bytes) {
    write_file_atomically(dir_.file("bad.pt"), bytes);
    Trainer trainer(testing::tiny_config(Preset::Compact), testing::small_digits(64));
    return error_of([&] { trainer.load_checkpoint(dir_.file("bad.pt")); });
  }

  // The payload with the central directory's first record changed, in a valid envelope.
  std::string with_first_record(uint32_t compressed, uint32_t uncompressed) {
    std::string payload = file_.payload;
    const size_t record = payload.find("PK\x01\x02");
    put_u32(payload, record + 20, compressed);
    put_u32(payload, record + 24, uncompressed);
    return wrap_checkpoint(file_.config_text, payload);
  }

  TempDir dir_;
  std::string path_;
  std::string bytes_;
  CheckpointFile file_;
};

TEST_F(CheckpointFileTest, AnEnvelopeHoldsTheConfigurationAndAnArchiveWithinTheBound) {
  EXPECT_EQ(bytes_.rfind(kCheckpointMagic, 0), 0u);
  EXPECT_NE(file_.config_text.find("preset: compact"), std::string::npos);
  EXPECT_EQ(read_checkpoint_head(path_).config_text, file_.config_text);
  EXPECT_EQ(read_checkpoint_head(path_).payload_bytes, file_.payload.size());
  EXPECT_EQ(file_.payload.rfind("PK\x03\x04", 0), 0u);
  EXPECT_NO_THROW(check_zip_structure(file_.payload, path_));
  // The configuration's bound admits its own checkpoint (the trainer reads it back).
  Trainer trainer(testing::tiny_config(Preset::Compact), testing::small_digits(64));
  trainer.load_checkpoint(path_);
  EXPECT_EQ(trainer.iteration(), 1);
}

TEST_F(CheckpointFileTest, TruncatedExtendedOrFlippedFilesAreNamedAndRefused) {
  const std::string prefix = dir_.file("bad.pt") + ": damaged checkpoint (";
  EXPECT_EQ(load_error(bytes_.substr(0, bytes_.size() - 100)).rfind(prefix, 0), 0u);
  EXPECT_NE(load_error(bytes_.substr(0, bytes_.size() - 100)).find("truncated"), std::string::npos);
  EXPECT_NE(load_error(bytes_ + "x").find("truncated or extended"), std::string::npos);
  std::string flipped = bytes_;
  flipped[bytes_.size() / 2] ^= 0x10;
  EXPECT_EQ(load_error(flipped), prefix + "its contents do not match their CRC-32)");
  std::string header = bytes_;
  header.replace(header.find("payload_bytes ") + 14, 1, "x");
  EXPECT_EQ(load_error(header), prefix + "bad payload_bytes)");
  EXPECT_EQ(load_error("hello"), dir_.file("bad.pt") + ": not a GanStudio checkpoint");
  EXPECT_EQ(load_error(""), dir_.file("bad.pt") + ": empty file, not a checkpoint");
  EXPECT_NE(load_error(std::string(kCheckpointMagic) + "config_bytes 99999999999999999999999\n")
                .find("bad config_bytes"),
            std::string::npos);
}

TEST_F(CheckpointFileTest, APayloadLargerThanItsConfigurationAllowsIsRefusedBeforeItIsRead) {
  const std::string big = wrap_checkpoint(file_.config_text, std::string(8u << 20, 'P'));
  const std::string message = load_error(big);
  EXPECT_NE(message.find("bytes is more than its configuration allows"), std::string::npos)
      << message;
  // One that declares networks far larger than the file could hold is refused before they are
  // built (the sampler and the trainer read the configuration first).
  std::string huge = file_.config_text;
  huge.replace(huge.find("g_widths: [16, 8, 4]"), 20, "g_widths: [4096, 4096, 4096]");
  write_file_atomically(dir_.file("huge.pt"), wrap_checkpoint(huge, file_.payload));
  const std::string declared = error_of([&] { read_checkpoint_config(dir_.file("huge.pt")); });
  EXPECT_NE(declared.find("cannot hold the networks its configuration declares"), std::string::npos)
      << declared;
  // A configuration that does not parse is named as the checkpoint's.
  EXPECT_NE(load_error(wrap_checkpoint("model: [", file_.payload)).find("bad.pt (stored"),
            std::string::npos);
}

TEST_F(CheckpointFileTest, ArchiveRecordsThatClaimMoreThanTheArchiveHoldsAreRefused) {
  // The kind of damage that made LibTorch try to allocate 28 GB: a record's size in the directory.
  EXPECT_NE(
      load_error(with_first_record(100, 0x7fffffff)).find("record of an unexpected kind or size"),
      std::string::npos);
  EXPECT_NE(load_error(with_first_record(0x7fffffff, 0x7fffffff))
                .find("archive record larger than the archive"),
            std::string::npos);
  std::string no_directory = file_.payload;
  no_directory.replace(no_directory.rfind("PK\x05\x06"), 4, "XXXX");
  EXPECT_NE(load_error(wrap_checkpoint(file_.config_text, no_directory)).find("no directory"),
            std::string::npos);
}

TEST_F(CheckpointFileTest, CheckpointsWrittenBeforeTheEnvelopeStillLoad) {
  write_file_atomically(dir_.file("old.pt"), file_.payload);  // a bare LibTorch archive
  Trainer trainer(testing::tiny_config(Preset::Compact), testing::small_digits(64));
  trainer.load_checkpoint(dir_.file("old.pt"));
  EXPECT_EQ(trainer.iteration(), 1);
  EXPECT_EQ(read_checkpoint_config(dir_.file("old.pt")).model.g_widths,
            trainer.config().model.g_widths);
}

TEST_F(CheckpointFileTest, WeightsThatDoNotFitTheDeclaredConfigurationAreRefusedBeforeUse) {
  // Found by fuzzing: the envelope declares noise_dim 7 while the archive holds a generator for
  // 8. LibTorch's reader replaces tensors whatever their shape, and the first sample then failed
  // deep in a convolution (an uncaught c10::Error). Now the shapes are checked on loading.
  RunConfig declared = read_checkpoint_config(path_);
  ASSERT_EQ(declared.model.noise_dim, 8);
  declared.model.noise_dim = 7;
  write_file_atomically(dir_.file("misfit.pt"), wrap_checkpoint(to_yaml(declared), file_.payload));
  const std::string message =
      error_of([&] { Sampler::from_checkpoint(dir_.file("misfit.pt")).generate(2, 1); });
  EXPECT_NE(message.find(dir_.file("misfit.pt") + ": "), std::string::npos) << message;
  EXPECT_NE(message.find("shape"), std::string::npos) << message;
}

TEST_F(CheckpointFileTest, AWatchedRunsWeightsSnapshotIsBoundedAndCheckedBeforeLibTorchReadsIt) {
  Trainer trainer(testing::tiny_config(Preset::Compact), testing::small_digits(64));
  trainer.step();
  const RunConfig& config = trainer.config();
  const std::string g = trainer.generator_weights();
  const std::string d = trainer.discriminator_weights();
  // A sound snapshot reads back as written, and draws.
  write_file_atomically(dir_.file("generator.pt"), g);
  const std::string read = read_weights_snapshot(dir_.file("generator.pt"), config);
  EXPECT_EQ(read, g);
  EXPECT_EQ(Sampler::from_weights(config, read).generate(2, 1).count, 2);
  // Larger than the configuration's networks can take: refused by its size, unread.
  const uint64_t most = payload_range(config).most;
  write_file_atomically(dir_.file("huge.pt"), g + std::string(most, '\0'));
  const std::string huge = error_of([&] { read_weights_snapshot(dir_.file("huge.pt"), config); });
  EXPECT_NE(huge.find(dir_.file("huge.pt")), std::string::npos) << huge;
  // Not a zip, or a zip whose directory claims more than it holds: named, before LibTorch.
  write_file_atomically(dir_.file("text.pt"), "not weights at all");
  EXPECT_NE(error_of([&] {
              read_weights_snapshot(dir_.file("text.pt"), config);
            }).find(dir_.file("text.pt") + ": damaged checkpoint"),
            std::string::npos);
  std::string lying = g;
  put_u32(lying, lying.find("PK\x01\x02") + 20, 0x7fffffff);
  put_u32(lying, lying.find("PK\x01\x02") + 24, 0x7fffffff);
  write_file_atomically(dir_.file("lying.pt"), lying);
  EXPECT_NE(error_of([&] {
              read_weights_snapshot(dir_.file("lying.pt"), config);
            }).find("archive record larger than the archive"),
            std::string::npos);
  // Bytes handed over directly are checked too, and D's weights are not G's.
  EXPECT_NE(error_of([&] { Sampler::from_weights(config, lying); }).find("the generator's weights"),
            std::string::npos);
  EXPECT_NE(error_of([&] { Sampler::from_weights(config, d); }).find("the generator's weights"),
            std::string::npos);
  EXPECT_NE(
      error_of([&] { Discriminator::from_weights(config, g); }).find("the discriminator's weights"),
      std::string::npos);
  EXPECT_NO_THROW(Discriminator::from_weights(config, d));
}

}  // namespace
}  // namespace gs
