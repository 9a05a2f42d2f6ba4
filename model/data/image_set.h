// Image data sets for training: the embedded digits or any IDX file (MNIST, Fashion-MNIST, ...).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/io/error.h"

namespace gs {

// The value of data.path that selects the digits compiled into the library.
inline constexpr const char* kEmbeddedDigits = "embedded";

// Side of the seed's square images (IDX data sets are this size).
inline constexpr int kImageSide = 28;

// Loading progress (files done, files in all); return false to cancel (the loader then throws
// LoadCancelled).
using LoadProgress = std::function<bool(int64_t done, int64_t total)>;
class LoadCancelled : public Error {
 public:
  using Error::Error;
};

// Images as bytes (0 = black, 255 = white), count x rows x cols x channels, row-major, the
// channels of a pixel side by side (RGB).
struct ImageSet {
  std::string source;  // for people: "embedded MNIST digits" or the file path
  int64_t count = 0;
  int rows = 0;
  int cols = 0;
  int channels = 1;             // 1 (grayscale) or 3 (RGB)
  std::vector<uint8_t> pixels;  // count * rows * cols * channels bytes
  std::vector<uint8_t> labels;  // count class labels, or empty when no label file was found
  std::vector<std::string> class_names;  // an image folder's classes (its sub-folders), in order
  std::vector<std::string> skipped;      // files that could not be read, each with the reason

  bool labelled() const { return !labels.empty(); }
  bool has_shape(const ImageShape& shape) const {
    return rows == shape.side && cols == shape.side && channels == shape.channels;
  }
  // Classes of the labels: the folder's classes, or the largest label + 1 (0 when unlabelled).
  int class_count() const;
};

// Loads `path`: kEmbeddedDigits, an IDX images file (raw or .gz), a folder holding
// train-images-idx3-ubyte[.gz] (the layout of MNIST, Fashion-MNIST and torchvision's MNIST/raw),
// Keras's mnist.npz, or a folder of PNG and JPEG images (image_files.h).
// Labels are read from the matching *-labels-idx1-ubyte[.gz] beside the images when it exists.
// Throws Error naming the file and the problem (missing, not IDX, truncated, wrong image size).
// Every image is scaled and centre-cropped to `shape` (data.image_size, data.channels).
// `progress` hears of a folder's files as they load and may cancel.
ImageSet load_image_set(const std::string& path, ImageShape shape = {},
                        const LoadProgress& progress = {});

// How many images `path` holds, reading only the file's header (the window's epoch arithmetic).
// Throws Error like load_image_set.
int64_t count_images(const std::string& path);

// The IDX images file `path` resolves to (the folder case above), or throws Error.
std::string resolve_images_file(const std::string& path);

// Data sets installed on this machine that the window offers besides the embedded digits, as
// (name, path) pairs: Fashion-MNIST from Debian's dataset-fashion-mnist when installed.
std::vector<std::pair<std::string, std::string>> installed_image_sets();

}  // namespace gs
