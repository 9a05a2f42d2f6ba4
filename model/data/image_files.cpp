#include "model/data/image_files.h"

#include <jpeglib.h>
#include <minizip/unzip.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/inflation.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// libjpeg reports errors through error_exit, which must not return: jump back to the reader.
// Its warnings (a truncated file's "Premature end of JPEG file") are kept, not printed.
struct JpegError {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void jpeg_error_exit(j_common_ptr info) {
  auto* error = reinterpret_cast<JpegError*>(info->err);
  (*info->err->format_message)(info, error->message);
  std::longjmp(error->jump, 1);
}

void jpeg_keep_warning(j_common_ptr info) {
  auto* error = reinterpret_cast<JpegError*>(info->err);
  if (error->message[0] == '\0') (*info->err->format_message)(info, error->message);
}

// The decoding, with libjpeg's jump target; nothing here lives across the jump but pointers.
// libjpeg scales by 1/2, 1/4 or 1/8 while it decodes: the largest that keeps the shorter side at
// least `min_side` is used, so a photograph becomes a few hundred pixels, never its megapixels.
bool decode_jpeg(jpeg_decompress_struct* info, JpegError* error, const std::string& bytes,
                 Image* image, int min_side) {
  if (setjmp(error->jump)) return false;
  jpeg_create_decompress(info);
  jpeg_mem_src(info, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(info, TRUE);
  info->out_color_space = image->channels == 3 ? JCS_RGB : JCS_GRAYSCALE;
  const unsigned shorter = std::min(info->image_width, info->image_height);
  info->scale_num = 1;
  info->scale_denom = 1;
  for (unsigned denominator : {8U, 4U, 2U}) {
    if (min_side > 0 && shorter / denominator >= static_cast<unsigned>(min_side)) {
      info->scale_denom = denominator;
      break;
    }
  }
  jpeg_calc_output_dimensions(info);
  const uint64_t pixels = uint64_t{info->output_width} * info->output_height;
  if (info->output_width == 0 || info->output_height == 0 || pixels > kMostImagePixels) {
    std::snprintf(error->message, sizeof error->message,
                  "%u x %u pixels; JPEG images of more than %u megapixels are not read",
                  info->image_width, info->image_height,
                  static_cast<unsigned>(kMostImagePixels / 1000000));
    return false;
  }
  jpeg_start_decompress(info);
  image->width = static_cast<int>(info->output_width);
  image->height = static_cast<int>(info->output_height);
  const size_t stride = static_cast<size_t>(image->width) * image->channels;
  image->pixels.resize(stride * static_cast<size_t>(image->height));
  while (info->output_scanline < info->output_height) {
    JSAMPROW row = image->pixels.data() + static_cast<size_t>(info->output_scanline) * stride;
    jpeg_read_scanlines(info, &row, 1);
  }
  jpeg_finish_decompress(info);
  return error->manager.num_warnings == 0;  // a truncated or corrupt file is not trained on
}

Image read_jpeg(const std::string& path, int channels, int min_side) {
  // Read as every data file is (a FIFO or a device is refused, the size is bounded), once: the
  // bytes checked are the bytes decoded, whatever happens to the path meanwhile.
  const std::string bytes = read_file(path, {kMostImageFileBytes, true});
  Image image;
  image.channels = channels;
  jpeg_decompress_struct info{};
  JpegError error{};
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = jpeg_error_exit;
  error.manager.output_message = jpeg_keep_warning;
  const bool ok = decode_jpeg(&info, &error, bytes, &image, min_side);
  jpeg_destroy_decompress(&info);
  if (!ok) throw Error(path + ": not a readable JPEG (" + error.message + ")");
  return image;
}

// --- .npy inside a zip
// ----------------------------------------------------------------------------

// What an archive may make us inflate: the array that its header declares, at most kMostNpzBytes,
// within check_inflation()'s ratio of what the member takes in the archive.
constexpr uint64_t kMostNpzBytes = uint64_t{4} << 30;
constexpr size_t kChunkBytes = size_t{16} << 20;  // inflated at a time

// One member of a zip, inflated as it is read: never more than a caller asks for.
class ZipMember {
 public:
  ZipMember(const std::string& zip, const std::string& member)
      : name_(zip + ": " + member), file_(nullptr, &unzClose) {
    const RegularFile checked(zip);  // a FIFO or a device is refused by its kind
    file_.reset(unzOpen64(zip.c_str()));
    if (!file_) throw Error(zip + ": not a zip archive (.npz)");
    if (unzLocateFile(file_.get(), member.c_str(), 1) != UNZ_OK) {
      throw Error(zip + ": holds no " + member + " (Keras's mnist.npz has x_train.npy)");
    }
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(file_.get(), &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK ||
        unzOpenCurrentFile(file_.get()) != UNZ_OK) {
      throw Error(name_ + ": cannot be read (damaged archive)");
    }
    open_ = true;
    size_ = info.uncompressed_size;
    stored_ = info.compressed_size;
  }
  ~ZipMember() {
    if (open_) unzCloseCurrentFile(file_.get());
  }
  ZipMember(const ZipMember&) = delete;
  ZipMember& operator=(const ZipMember&) = delete;

  const std::string& name() const { return name_; }
  uint64_t size() const { return size_; }
  uint64_t stored() const { return stored_; }

  // Refuses to go on when `total` bytes would be more than the member holds or a bomb's share.
  void check_total(uint64_t total) const {
    if (total > size_) {
      throw Error(name_ + ": truncated: its header declares " + std::to_string(total) +
                  " bytes, the member holds " + std::to_string(size_));
    }
    if (total > kMostNpzBytes) {
      throw Error(name_ + ": " + std::to_string(total) + " bytes; arrays of more than " +
                  std::to_string(kMostNpzBytes >> 30) + " GiB are not read");
    }
    check_inflation(name_, stored_, total);
  }

  // Exactly `count` bytes (or Error naming the member).
  std::string read(size_t count) {
    std::string bytes(count, '\0');
    size_t got = 0;
    while (got < count) {
      const int n =
          unzReadCurrentFile(file_.get(), bytes.data() + got,
                             static_cast<unsigned>(std::min<size_t>(count - got, size_t{1} << 30)));
      if (n <= 0) throw Error(name_ + ": truncated or damaged");
      got += static_cast<size_t>(n);
    }
    return bytes;
  }

 private:
  std::string name_;
  std::unique_ptr<void, int (*)(unzFile)> file_;
  bool open_ = false;
  uint64_t size_ = 0;
  uint64_t stored_ = 0;
};

struct NpyHeader {
  std::vector<int64_t> shape;
  std::string descr;
  uint64_t elements = 0;  // the shape's product, checked for overflow
};

// The header of a .npy (version 1-3): {'descr': '|u1', 'fortran_order': False, 'shape': (N, H, W)},
// read from the member's start; the member is left at the first byte of the data.
NpyHeader read_npy_header(ZipMember& member) {
  const std::string& name = member.name();
  if (member.size() < 10) throw Error(name + ": not a NumPy array (.npy)");
  const std::string prefix = member.read(10);
  if (prefix.compare(0, 6, "\x93NUMPY") != 0) throw Error(name + ": not a NumPy array (.npy)");
  const int major = static_cast<unsigned char>(prefix[6]);
  size_t header_length = static_cast<unsigned char>(prefix[8]) |
                         static_cast<size_t>(static_cast<unsigned char>(prefix[9])) << 8;
  if (major >= 2) {
    const std::string more = member.read(2);
    header_length |= static_cast<size_t>(static_cast<unsigned char>(more[0])) << 16 |
                     static_cast<size_t>(static_cast<unsigned char>(more[1])) << 24;
  }
  if (header_length > 65536) {
    throw Error(name + ": a .npy header of " + std::to_string(header_length) + " bytes");
  }
  const std::string header = member.read(header_length);
  NpyHeader array;
  auto value_of = [&](const std::string& key) {
    const size_t at = header.find("'" + key + "':");
    if (at == std::string::npos) throw Error(name + ": .npy header without '" + key + "'");
    return header.substr(at + key.size() + 3);
  };
  const std::string descr = value_of("descr");
  const size_t open = descr.find('\'');
  const size_t close = open == std::string::npos ? open : descr.find('\'', open + 1);
  if (close == std::string::npos || close - open > 16) {
    throw Error(name + ": bad 'descr' in the .npy header");
  }
  array.descr = descr.substr(open + 1, close - open - 1);
  const std::string order = value_of("fortran_order");
  const size_t first = order.find_first_not_of(' ');
  if (order.substr(first == std::string::npos ? 0 : first, 4) == "True") {
    throw Error(name + ": Fortran-ordered arrays are not read");
  }
  std::string shape = value_of("shape");
  const size_t open_shape = shape.find('(');
  const size_t close_shape = shape.find(')');
  if (open_shape == std::string::npos || close_shape == std::string::npos ||
      close_shape < open_shape) {
    throw Error(name + ": bad shape in the .npy header");
  }
  shape = shape.substr(open_shape + 1, close_shape - open_shape - 1);
  array.elements = 1;
  for (size_t at = 0; at < shape.size();) {
    const size_t comma = shape.find(',', at);
    const std::string part = shape.substr(at, comma == std::string::npos ? comma : comma - at);
    if (part.find_first_of("0123456789") != std::string::npos) {
      char* end = nullptr;
      const long long n = std::strtoll(part.c_str(), &end, 10);
      if (n < 0 || n > (int64_t{1} << 40)) throw Error(name + ": bad shape in the .npy header");
      array.shape.push_back(n);
      if (__builtin_mul_overflow(array.elements, static_cast<uint64_t>(n), &array.elements)) {
        throw Error(name + ": the shape in the .npy header overflows (more elements than 2^64)");
      }
    }
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return array;
}

bool is_byte_array(const NpyHeader& array) { return array.descr == "|u1" || array.descr == "<u1"; }

}  // namespace

bool is_image_file(const std::string& path) {
  const std::string extension = lower(fs::path(path).extension().string());
  return extension == ".png" || extension == ".jpg" || extension == ".jpeg";
}

Image read_image_file(const std::string& path, int channels, int min_side,
                      std::array<uint8_t, 3> background) {
  const std::string extension = lower(fs::path(path).extension().string());
  return extension == ".png" ? read_png(path, channels, background)
                             : read_jpeg(path, channels, min_side);
}

Image fit_square(const Image& image, int side) {
  if (image.width <= 0 || image.height <= 0) throw Error("an empty image");
  // Scale so that the shorter side becomes `side`, then take the centre.
  const double scale = static_cast<double>(side) / std::min(image.width, image.height);
  const double crop_x = (image.width * scale - side) / 2;
  const double crop_y = (image.height * scale - side) / 2;
  const int c = image.channels;
  Image out;
  out.width = out.height = side;
  out.channels = c;
  out.pixels.resize(static_cast<size_t>(side) * static_cast<size_t>(side) * c);
  for (int y = 0; y < side; ++y) {
    // The source rows and columns this output pixel covers (at least one of each).
    const double y0 = (y + crop_y) / scale;
    const double y1 = (y + 1 + crop_y) / scale;
    const int sy0 = std::clamp(static_cast<int>(y0), 0, image.height - 1);
    const int sy1 = std::clamp(std::max(static_cast<int>(std::ceil(y1)), sy0 + 1), 1, image.height);
    for (int x = 0; x < side; ++x) {
      const double x0 = (x + crop_x) / scale;
      const double x1 = (x + 1 + crop_x) / scale;
      const int sx0 = std::clamp(static_cast<int>(x0), 0, image.width - 1);
      const int sx1 =
          std::clamp(std::max(static_cast<int>(std::ceil(x1)), sx0 + 1), 1, image.width);
      const uint64_t count = static_cast<uint64_t>(sy1 - sy0) * static_cast<uint64_t>(sx1 - sx0);
      for (int k = 0; k < c; ++k) {
        uint64_t sum = 0;
        for (int sy = sy0; sy < sy1; ++sy) {
          const uint8_t* row = image.pixels.data() + static_cast<size_t>(sy) * image.width * c;
          for (int sx = sx0; sx < sx1; ++sx) sum += row[sx * c + k];
        }
        out.pixels[(static_cast<size_t>(y) * side + x) * c + k] =
            static_cast<uint8_t>((sum + count / 2) / count);
      }
    }
  }
  return out;
}

ImageSet fit_images(ImageSet set, ImageShape shape) {
  if (set.has_shape(shape)) return set;
  const size_t in_size = static_cast<size_t>(set.rows) * set.cols * set.channels;
  // Scaling tiny images up may not turn a file into many times its size in memory.
  check_inflation(
      set.source + " at " + std::to_string(shape.side) + " x " + std::to_string(shape.side),
      set.pixels.size(),
      static_cast<uint64_t>(set.count) * shape.side * shape.side * shape.channels);
  std::vector<uint8_t> pixels;
  pixels.reserve(static_cast<size_t>(set.count) * shape.side * shape.side * shape.channels);
  for (int64_t i = 0; i < set.count; ++i) {
    Image image{set.cols, set.rows, {}, set.channels};
    const auto from = set.pixels.begin() + static_cast<ptrdiff_t>(in_size * i);
    image.pixels.assign(from, from + static_cast<ptrdiff_t>(in_size));
    const Image fitted = fit_square(with_channels(image, shape.channels), shape.side);
    pixels.insert(pixels.end(), fitted.pixels.begin(), fitted.pixels.end());
  }
  set.pixels = std::move(pixels);
  set.rows = set.cols = shape.side;
  set.channels = shape.channels;
  return set;
}

std::vector<std::string> image_files_in(const std::string& folder,
                                        std::vector<std::string>* not_files) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string path = it->path().string();
    if (!is_image_file(path)) continue;
    std::error_code kind_error;
    const fs::file_status status = it->status(kind_error);  // follows links
    if (status.type() == fs::file_type::regular) {
      files.push_back(path);
    } else if (not_files && status.type() != fs::file_type::directory) {
      // A loop of links, a dangling link, a FIFO, a device: listed with the reason, never read
      // (opening one as a data file is, non-blocking, refuses it by its kind).
      try {
        const RegularFile probe(path);
        files.push_back(path);  // became a regular file meanwhile
      } catch (const Error& error) {
        not_files->emplace_back(error.what());
      }
    }
  }
  std::sort(files.begin(), files.end());
  if (not_files) std::sort(not_files->begin(), not_files->end());
  return files;
}

ImageSet load_image_folder(const std::string& folder, ImageShape shape,
                           const LoadProgress& progress) {
  std::vector<std::string> not_files;
  const std::vector<std::string> files = image_files_in(folder, &not_files);
  if (files.empty()) {
    throw Error(folder +
                ": holds no PNG or JPEG images, and no train-images-idx3-ubyte[.gz] (or "
                "t10k-images-idx3-ubyte[.gz]) either");
  }
  // Classes: the first-level sub-folders, in name order; images at the top are unlabelled.
  std::map<std::string, int> classes;
  bool unlabelled = false;
  for (const std::string& file : files) {
    const fs::path relative = fs::path(file).lexically_relative(folder);
    if (std::distance(relative.begin(), relative.end()) < 2) {
      unlabelled = true;
    } else {
      classes.emplace(relative.begin()->string(), 0);
    }
  }
  int next = 0;
  for (auto& [name, label] : classes) label = next++;
  const bool labelled = !unlabelled && classes.size() >= 2 && classes.size() <= 256;
  ImageSet set;
  set.source = folder;
  set.rows = set.cols = shape.side;
  set.channels = shape.channels;
  for (const auto& [name, label] : classes) set.class_names.push_back(name);
  set.skipped = not_files;
  // The pixels kept, allocated once: the load's memory is these plus one decoded image.
  set.pixels.reserve(files.size() * static_cast<size_t>(shape.side) * shape.side * shape.channels);
  int64_t done = 0;
  for (const std::string& file : files) {
    if (progress && !progress(done, static_cast<int64_t>(files.size()))) {
      throw LoadCancelled(folder + ": loading cancelled");
    }
    ++done;
    try {
      const Image image = fit_square(
          read_image_file(file, shape.channels, shape.side, shape.background), shape.side);
      set.pixels.insert(set.pixels.end(), image.pixels.begin(), image.pixels.end());
      if (labelled) {
        const fs::path relative = fs::path(file).lexically_relative(folder);
        set.labels.push_back(static_cast<uint8_t>(classes.at(relative.begin()->string())));
      }
      ++set.count;
    } catch (const Error& error) {
      set.skipped.emplace_back(error.what());
    } catch (const std::bad_alloc&) {
      set.skipped.push_back(file + ": not enough memory to decode it");
    }
  }
  if (progress) progress(done, static_cast<int64_t>(files.size()));
  if (set.count == 0) {
    throw Error(folder + ": none of its " + std::to_string(files.size()) +
                " image files could be read (first: " + set.skipped.front() + ")");
  }
  if (!labelled) set.class_names.clear();
  return set;
}

ImageSet load_npz(const std::string& path, ImageShape shape) {
  ZipMember x(path, "x_train.npy");
  const NpyHeader header = read_npy_header(x);
  if (!is_byte_array(header)) {
    throw Error(x.name() + " holds '" + header.descr + "'; 8-bit images (|u1) are read");
  }
  if (header.shape.size() != 3 || header.shape[0] == 0 || header.shape[1] == 0 ||
      header.shape[2] == 0) {
    throw Error(x.name() + " is not N x rows x columns images");
  }
  const uint64_t image_bytes = static_cast<uint64_t>(header.shape[1]) * header.shape[2];
  if (image_bytes > kMostImagePixels) {
    throw Error(x.name() + ": images of " + std::to_string(header.shape[1]) + " x " +
                std::to_string(header.shape[2]) + " pixels; at most " +
                std::to_string(kMostImagePixels / 1000000) + " megapixels are read");
  }
  x.check_total(header.elements);  // before a byte of the data is inflated
  ImageSet set;
  set.source = path;
  set.count = header.shape[0];
  set.rows = static_cast<int>(header.shape[1]);
  set.cols = static_cast<int>(header.shape[2]);
  const bool fit = !set.has_shape(shape);
  // Inflated a chunk of images at a time and fitted as they come: the load holds the pixels kept
  // and one chunk, never the whole member.
  const uint64_t kept_bytes =
      fit ? static_cast<uint64_t>(set.count) * shape.side * shape.side * shape.channels
          : header.elements;
  // Tiny images scaled up could make a small member fill the memory as surely as zeros do.
  check_inflation(
      x.name() + " at " + std::to_string(shape.side) + " x " + std::to_string(shape.side),
      x.stored(), kept_bytes);
  set.pixels.reserve(kept_bytes);
  const int64_t per_chunk = std::max<int64_t>(1, static_cast<int64_t>(kChunkBytes / image_bytes));
  for (int64_t first = 0; first < set.count; first += per_chunk) {
    const int64_t count = std::min(per_chunk, set.count - first);
    const std::string chunk = x.read(static_cast<size_t>(count * image_bytes));
    if (!fit) {
      set.pixels.insert(set.pixels.end(), chunk.begin(), chunk.end());
      continue;
    }
    for (int64_t i = 0; i < count; ++i) {
      Image image{set.cols, set.rows, {}, 1};
      const auto from = chunk.begin() + static_cast<ptrdiff_t>(i * image_bytes);
      image.pixels.assign(from, from + static_cast<ptrdiff_t>(image_bytes));
      const Image fitted = fit_square(with_channels(image, shape.channels), shape.side);
      set.pixels.insert(set.pixels.end(), fitted.pixels.begin(), fitted.pixels.end());
    }
  }
  if (fit) {
    set.rows = set.cols = shape.side;
    set.channels = shape.channels;
  }
  try {
    ZipMember y(path, "y_train.npy");
    const NpyHeader labels = read_npy_header(y);
    if (labels.shape.size() == 1 && labels.shape[0] == set.count && is_byte_array(labels)) {
      y.check_total(labels.elements);
      const std::string bytes = y.read(static_cast<size_t>(set.count));
      set.labels.assign(bytes.begin(), bytes.end());
    }
  } catch (const Error&) {
    // No labels: an unlabelled set (the quality meter then reports the distance alone).
  }
  return set;
}

int64_t count_npz_images(const std::string& path) {
  ZipMember x(path, "x_train.npy");
  const NpyHeader header = read_npy_header(x);
  if (header.shape.size() != 3) throw Error(x.name() + " is not N x rows x columns images");
  return header.shape[0];
}

}  // namespace gs
