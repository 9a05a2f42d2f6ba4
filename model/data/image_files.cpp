#include "model/data/image_files.h"

#include <jpeglib.h>
#include <minizip/unzip.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

#include "model/io/error.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// libjpeg reports errors through error_exit, which must not return: jump back to the reader.
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

// The decoding, with libjpeg's jump target; nothing here lives across the jump but pointers.
bool decode_jpeg(jpeg_decompress_struct* info, JpegError* error, std::FILE* file, Image* image) {
  if (setjmp(error->jump)) return false;
  jpeg_create_decompress(info);
  jpeg_stdio_src(info, file);
  jpeg_read_header(info, TRUE);
  info->out_color_space = image->channels == 3 ? JCS_RGB : JCS_GRAYSCALE;
  jpeg_start_decompress(info);
  if (info->output_width == 0 || info->output_height == 0 || info->output_width > 20000 ||
      info->output_height > 20000) {
    std::snprintf(error->message, sizeof error->message, "%ux%u pixels", info->output_width,
                  info->output_height);
    return false;
  }
  image->width = static_cast<int>(info->output_width);
  image->height = static_cast<int>(info->output_height);
  const size_t stride = static_cast<size_t>(image->width) * image->channels;
  image->pixels.resize(stride * static_cast<size_t>(image->height));
  while (info->output_scanline < info->output_height) {
    JSAMPROW row = image->pixels.data() + static_cast<size_t>(info->output_scanline) * stride;
    jpeg_read_scanlines(info, &row, 1);
  }
  jpeg_finish_decompress(info);
  return true;
}

Image read_jpeg(const std::string& path, int channels) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) throw Error(path + ": cannot open");
  Image image;
  image.channels = channels;
  jpeg_decompress_struct info{};
  JpegError error{};
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = jpeg_error_exit;
  const bool ok = decode_jpeg(&info, &error, file.get(), &image);
  jpeg_destroy_decompress(&info);
  if (!ok) throw Error(path + ": not a readable JPEG (" + error.message + ")");
  return image;
}

// --- .npy inside a zip
// ----------------------------------------------------------------------------

struct NpyArray {
  std::vector<int64_t> shape;
  std::string descr;
  std::string data;
};

// Reads one member of the zip whole; throws Error naming the zip and the member.
std::string zip_member(const std::string& zip, const std::string& member, size_t most_bytes) {
  unzFile file = unzOpen64(zip.c_str());
  if (!file) throw Error(zip + ": not a zip archive (.npz)");
  std::unique_ptr<void, int (*)(unzFile)> close(file, &unzClose);
  if (unzLocateFile(file, member.c_str(), 1) != UNZ_OK) {
    throw Error(zip + ": holds no " + member + " (Keras's mnist.npz has x_train.npy)");
  }
  unz_file_info64 info{};
  if (unzGetCurrentFileInfo64(file, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK ||
      unzOpenCurrentFile(file) != UNZ_OK) {
    throw Error(zip + ": cannot read " + member);
  }
  const size_t size = std::min<size_t>(static_cast<size_t>(info.uncompressed_size), most_bytes);
  std::string bytes(size, '\0');
  size_t got = 0;
  while (got < size) {
    const int n = unzReadCurrentFile(file, bytes.data() + got,
                                     static_cast<unsigned>(std::min<size_t>(size - got, 1 << 30)));
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  unzCloseCurrentFile(file);
  if (got != size) throw Error(zip + ": " + member + " is truncated or damaged");
  return bytes;
}

// The header of a .npy (version 1-3): {'descr': '|u1', 'fortran_order': False, 'shape': (N, H, W)}.
NpyArray parse_npy(std::string bytes, const std::string& name, bool header_only) {
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) {
    throw Error(name + ": not a NumPy array (.npy)");
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  size_t header_length = 0;
  size_t start = 0;
  if (major == 1) {
    header_length = static_cast<unsigned char>(bytes[8]) |
                    static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8;
    start = 10;
  } else {
    if (bytes.size() < 12) throw Error(name + ": truncated .npy header");
    for (int i = 0; i < 4; ++i)
      header_length |= static_cast<size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    start = 12;
  }
  if (start + header_length > bytes.size()) throw Error(name + ": truncated .npy header");
  const std::string header = bytes.substr(start, header_length);
  NpyArray array;
  auto value_of = [&](const std::string& key) {
    const size_t at = header.find("'" + key + "':");
    if (at == std::string::npos) throw Error(name + ": .npy header without '" + key + "'");
    return header.substr(at + key.size() + 3);
  };
  const std::string descr = value_of("descr");
  const size_t open = descr.find('\'');
  const size_t close = open == std::string::npos ? open : descr.find('\'', open + 1);
  if (close == std::string::npos) throw Error(name + ": bad 'descr' in the .npy header");
  array.descr = descr.substr(open + 1, close - open - 1);
  const std::string order = value_of("fortran_order");
  if (order.substr(
          order.find_first_not_of(' ') == std::string::npos ? 0 : order.find_first_not_of(' '),
          4) == "True") {
    throw Error(name + ": Fortran-ordered arrays are not read");
  }
  std::string shape = value_of("shape");
  shape = shape.substr(shape.find('(') + 1, shape.find(')') - shape.find('(') - 1);
  for (size_t at = 0; at < shape.size();) {
    const size_t comma = shape.find(',', at);
    const std::string part = shape.substr(at, comma == std::string::npos ? comma : comma - at);
    if (part.find_first_of("0123456789") != std::string::npos) {
      char* end = nullptr;
      const long long n = std::strtoll(part.c_str(), &end, 10);
      if (n < 0 || n > (int64_t{1} << 40)) throw Error(name + ": bad shape in the .npy header");
      array.shape.push_back(n);
    }
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  if (!header_only) array.data = bytes.substr(start + header_length);
  return array;
}

int64_t product(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

}  // namespace

bool is_image_file(const std::string& path) {
  const std::string extension = lower(fs::path(path).extension().string());
  return extension == ".png" || extension == ".jpg" || extension == ".jpeg";
}

Image read_image_file(const std::string& path, int channels) {
  const std::string extension = lower(fs::path(path).extension().string());
  return extension == ".png" ? read_png(path, channels) : read_jpeg(path, channels);
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

std::vector<std::string> image_files_in(const std::string& folder) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && is_image_file(it->path().string()))
      files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

ImageSet load_image_folder(const std::string& folder, ImageShape shape,
                           const LoadProgress& progress) {
  const std::vector<std::string> files = image_files_in(folder);
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
  int64_t done = 0;
  for (const std::string& file : files) {
    if (progress && !progress(done, static_cast<int64_t>(files.size()))) {
      throw LoadCancelled(folder + ": loading cancelled");
    }
    ++done;
    try {
      const Image image = fit_square(read_image_file(file, shape.channels), shape.side);
      set.pixels.insert(set.pixels.end(), image.pixels.begin(), image.pixels.end());
      if (labelled) {
        const fs::path relative = fs::path(file).lexically_relative(folder);
        set.labels.push_back(static_cast<uint8_t>(classes.at(relative.begin()->string())));
      }
      ++set.count;
    } catch (const Error& error) {
      set.skipped.emplace_back(error.what());
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
  constexpr size_t kMostBytes = size_t{4} << 30;
  const NpyArray x =
      parse_npy(zip_member(path, "x_train.npy", kMostBytes), path + ": x_train.npy", false);
  if (x.descr != "|u1" && x.descr != "<u1") {
    throw Error(path + ": x_train.npy holds '" + x.descr + "'; 8-bit images (|u1) are read");
  }
  if (x.shape.size() != 3 || x.shape[0] == 0) {
    throw Error(path + ": x_train.npy is not N x rows x columns images");
  }
  if (static_cast<int64_t>(x.data.size()) < product(x.shape)) {
    throw Error(path + ": x_train.npy is truncated");
  }
  ImageSet set;
  set.source = path;
  set.count = x.shape[0];
  set.rows = static_cast<int>(x.shape[1]);
  set.cols = static_cast<int>(x.shape[2]);
  set.pixels.assign(x.data.begin(), x.data.begin() + product(x.shape));
  try {
    const NpyArray y =
        parse_npy(zip_member(path, "y_train.npy", kMostBytes), path + ": y_train.npy", false);
    if (y.shape.size() == 1 && y.shape[0] == set.count && (y.descr == "|u1" || y.descr == "<u1")) {
      set.labels.assign(y.data.begin(), y.data.begin() + set.count);
    }
  } catch (const Error&) {
    // No labels: an unlabelled set (the quality meter then reports the distance alone).
  }
  return fit_images(std::move(set), shape);
}

int64_t count_npz_images(const std::string& path) {
  // The header is in the first few hundred bytes of the member.
  const NpyArray x = parse_npy(zip_member(path, "x_train.npy", 4096), path + ": x_train.npy", true);
  if (x.shape.size() != 3) throw Error(path + ": x_train.npy is not N x rows x columns images");
  return x.shape[0];
}

}  // namespace gs
