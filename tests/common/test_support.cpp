#include "tests/common/test_support.h"

#include <sys/resource.h>
#include <zlib.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "model/io/file_io.h"

namespace gs::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "ganstudio-test-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!mkdtemp(buffer.data())) throw std::runtime_error("mkdtemp failed");
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

RunConfig conditional_config(Preset preset) {
  RunConfig config = tiny_config(preset);
  config.model.conditional = true;
  return config;
}

RunConfig tiny_config(Preset preset) {
  RunConfig config;
  config.model.preset = preset;
  config.model.noise_dim = 8;
  if (preset == Preset::Seed) {
    config.model.g_widths = {4, 8, 4, 4};
    config.model.d_widths = {4, 4, 8, 8};
  } else {
    config.model.g_widths = {16, 8, 4};
    config.model.d_widths = {4, 8, 16};
  }
  config.training.batch_size = 8;
  config.training.iterations = 20;
  config.training.device = "cpu";
  config.training.threads = 2;
  config.training.seed = 7;
  return config;
}

ImageSet small_digits(int count) {
  ImageSet all = load_image_set(kEmbeddedDigits);
  ImageSet set = all;
  set.count = count;
  set.pixels.resize(static_cast<size_t>(count) * all.rows * all.cols);
  set.labels.resize(static_cast<size_t>(count));
  return set;
}

FileSizeLimit::FileSizeLimit(unsigned long bytes) {
  rlimit limit{};
  getrlimit(RLIMIT_FSIZE, &limit);
  saved_soft_ = limit.rlim_cur;
  saved_handler_ = std::signal(SIGXFSZ, SIG_IGN);
  limit.rlim_cur = bytes;
  setrlimit(RLIMIT_FSIZE, &limit);
}

FileSizeLimit::~FileSizeLimit() {
  rlimit limit{};
  getrlimit(RLIMIT_FSIZE, &limit);
  limit.rlim_cur = saved_soft_;
  setrlimit(RLIMIT_FSIZE, &limit);
  std::signal(SIGXFSZ, saved_handler_);
}

std::vector<std::string> files_in(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string gzip_bytes(const std::string& raw) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, raw.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  stream.avail_in = static_cast<uInt>(raw.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string big_endian32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

MeterOptions cached_in(const std::string& folder) {
  MeterOptions options;
  options.cache_dir = folder;
  return options;
}

std::string metrics_without_clock(const std::string& metrics_csv) {
  std::istringstream in(read_file(metrics_csv));
  std::string line;
  std::string out;
  while (std::getline(in, line)) {
    size_t commas = 0;
    size_t cut = line.size();
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == ',' && ++commas == 7) {
        cut = i;
        break;
      }
    }
    out += line.substr(0, cut) + "\n";
  }
  return out;
}

std::vector<std::string> tiny_train_command(const std::string& cli, const std::string& out,
                                            int iterations) {
  return {cli,     "train",
          "--set", "model.preset=compact",
          "--set", "model.noise_dim=8",
          "--set", "model.g_widths=[16, 8, 4]",
          "--set", "model.d_widths=[4, 8, 16]",
          "--set", "training.batch_size=8",
          "--set", "training.device=cpu",
          "--set", "training.iterations=" + std::to_string(iterations),
          "--set", "outputs.sample_every=3",
          "--set", "outputs.checkpoint_every=4",
          "--out", out};
}

}  // namespace gs::testing
