#include "model/data/image_set.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>

#include "model/config/keys.h"
#include "model/data/embedded_digits.h"
#include "model/data/idx.h"
#include "model/data/image_files.h"
#include "model/io/error.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

ImageSet from_idx(IdxArray images, const std::string& name) {
  if (images.dims.size() != 3) {
    throw Error(name + ": expected images (3 dimensions: count x rows x columns), found " +
                std::to_string(images.dims.size()) + " dimension(s)" +
                (images.dims.size() == 1 ? " (is this a labels file?)" : ""));
  }
  if (images.dims[1] < 1 || images.dims[2] < 1 || images.dims[1] > 4096 || images.dims[2] > 4096) {
    throw Error(name + ": images are " + std::to_string(images.dims[1]) + "x" +
                std::to_string(images.dims[2]) + " pixels; 1 to 4096 on a side are read");
  }
  if (images.dims[0] == 0) {
    throw Error(name + ": holds no images");
  }
  ImageSet set;
  set.source = name;
  set.count = images.dims[0];
  set.rows = static_cast<int>(images.dims[1]);
  set.cols = static_cast<int>(images.dims[2]);
  set.pixels = std::move(images.data);
  return set;
}

void attach_labels(ImageSet& set, IdxArray labels, const std::string& name) {
  if (labels.dims.size() != 1) {
    throw Error(name + ": expected labels (1 dimension), found " +
                std::to_string(labels.dims.size()) + " dimensions");
  }
  if (labels.dims[0] != set.count) {
    throw Error(name + ": holds " + std::to_string(labels.dims[0]) + " labels for " +
                std::to_string(set.count) + " images in " + set.source);
  }
  set.labels = std::move(labels.data);
}

// ".../train-images-idx3-ubyte.gz" -> ".../train-labels-idx1-ubyte.gz" when that file exists.
std::string labels_beside(const std::string& images_path) {
  const fs::path path(images_path);
  std::string file = path.filename().string();
  const auto at = file.find("images-idx3");
  if (at == std::string::npos) return {};
  file.replace(at, 11, "labels-idx1");
  const fs::path candidate = path.parent_path() / file;
  std::error_code ec;
  return fs::is_regular_file(candidate, ec) ? candidate.string() : std::string{};
}

bool is_npz(const std::string& path) {
  const std::string extension = fs::path(path).extension().string();
  return extension == ".npz" || extension == ".NPZ";
}

// A folder without IDX files (a folder of images).
bool is_image_folder(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return false;
  try {
    resolve_images_file(path);
    return false;  // IDX files first
  } catch (const Error&) {
    return true;
  }
}

}  // namespace

std::string resolve_images_file(const std::string& path) {
  std::error_code ec;
  if (path.empty())
    throw Error(std::string(keys::kDataPath) +
                " is empty: give an IDX images file, a folder or 'embedded'");
  if (!fs::exists(path, ec)) throw Error(path + ": no such file or folder");
  if (!fs::is_directory(path, ec)) return path;
  for (const char* name :
       {"train-images-idx3-ubyte", "train-images-idx3-ubyte.gz", "train-images.idx3-ubyte",
        "t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz"}) {
    const fs::path candidate = fs::path(path) / name;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  throw Error(path +
              ": folder holds no train-images-idx3-ubyte[.gz] (or t10k-images-idx3-ubyte[.gz])");
}

int ImageSet::class_count() const {
  if (labels.empty()) return 0;
  if (!class_names.empty()) return static_cast<int>(class_names.size());
  return *std::max_element(labels.begin(), labels.end()) + 1;
}

ImageSet load_image_set(const std::string& path, ImageShape shape, const LoadProgress& progress) {
  if (path == kEmbeddedDigits) {
    const std::string name = "embedded MNIST digits";
    ImageSet set = from_idx(parse_idx(embedded_digit_images_gz(), name), name);
    attach_labels(set, parse_idx(embedded_digit_labels_gz(), name + " (labels)"), name);
    return fit_images(std::move(set), shape);
  }
  if (is_npz(path)) return load_npz(path, shape);
  if (is_image_folder(path)) return load_image_folder(path, shape, progress);
  const std::string images_path = resolve_images_file(path);
  ImageSet set = from_idx(read_idx_file(images_path), images_path);
  if (const std::string labels_path = labels_beside(images_path); !labels_path.empty()) {
    attach_labels(set, read_idx_file(labels_path), labels_path);
  }
  return fit_images(std::move(set), shape);
}

int64_t count_images(const std::string& path) {
  if (path == kEmbeddedDigits) {
    static const int64_t embedded = load_image_set(kEmbeddedDigits).count;
    return embedded;
  }
  if (is_npz(path)) return count_npz_images(path);
  if (is_image_folder(path)) return static_cast<int64_t>(image_files_in(path).size());
  const std::string images_path = resolve_images_file(path);
  gzFile file = gzopen(images_path.c_str(), "rb");  // reads raw files too
  if (!file) throw Error(images_path + ": cannot open");
  char header[16] = {};
  const int got = gzread(file, header, sizeof header);
  gzclose(file);
  const auto dims = parse_idx_dims(std::string_view(header, std::max(got, 0)), images_path);
  if (dims.size() != 3) throw Error(images_path + ": not an IDX images file");
  return dims[0];
}

std::vector<std::pair<std::string, std::string>> installed_image_sets() {
  std::vector<std::pair<std::string, std::string>> sets;
  const char* fashion = "/usr/share/datasets/fashion-mnist";
  std::error_code ec;
  if (fs::is_regular_file(fs::path(fashion) / "train-images-idx3-ubyte.gz", ec)) {
    sets.emplace_back("Fashion-MNIST", fashion);
  }
  return sets;
}

}  // namespace gs
