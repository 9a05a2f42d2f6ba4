#include "model/io/images.h"

#include <png.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs {

Image ImageBatch::image(int index) const {
  Image out{side, side, {}, channels};
  const size_t size = image_bytes();
  const auto begin = pixels.begin() + static_cast<std::ptrdiff_t>(size * index);
  out.pixels.assign(begin, begin + static_cast<std::ptrdiff_t>(size));
  return out;
}

Image with_channels(const Image& image, int channels) {
  if (image.channels == channels) return image;
  Image out{image.width, image.height, {}, channels};
  const size_t count = static_cast<size_t>(image.width) * image.height;
  out.pixels.resize(count * channels);
  for (size_t i = 0; i < count; ++i) {
    if (channels == 1) {
      const uint8_t* p = image.pixels.data() + i * 3;
      out.pixels[i] = static_cast<uint8_t>((299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000);
    } else {
      std::fill_n(out.pixels.data() + i * 3, 3, image.pixels[i]);
    }
  }
  return out;
}

Image scale_nearest(const Image& image, int factor) {
  if (factor <= 1) return image;
  const int c = image.channels;
  Image out{image.width * factor, image.height * factor, {}, c};
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * c);
  for (int y = 0; y < out.height; ++y) {
    const uint8_t* source = image.pixels.data() + static_cast<size_t>(y / factor) * image.width * c;
    uint8_t* row = out.pixels.data() + static_cast<size_t>(y) * out.width * c;
    for (int x = 0; x < out.width; ++x) {
      std::memcpy(row + static_cast<size_t>(x) * c, source + static_cast<size_t>(x / factor) * c,
                  c);
    }
  }
  return out;
}

namespace {

Image tile(const std::vector<const Image*>& cells, int columns, const GridLayout& layout) {
  if (cells.empty()) return {};
  const int cell_w = cells.front()->width;
  const int cell_h = cells.front()->height;
  const int c = cells.front()->channels;
  const int rows = (static_cast<int>(cells.size()) + columns - 1) / columns;
  Image out{columns * cell_w + (columns + 1) * layout.gap,
            rows * cell_h + (rows + 1) * layout.gap,
            {},
            c};
  out.pixels.assign(static_cast<size_t>(out.width) * out.height * c, layout.gap_value);
  for (size_t i = 0; i < cells.size(); ++i) {
    const int left = layout.gap + static_cast<int>(i % columns) * (cell_w + layout.gap);
    const int top = layout.gap + static_cast<int>(i / columns) * (cell_h + layout.gap);
    for (int y = 0; y < cell_h; ++y) {
      std::memcpy(out.pixels.data() + (static_cast<size_t>(top + y) * out.width + left) * c,
                  cells[i]->pixels.data() + static_cast<size_t>(y) * cell_w * c,
                  static_cast<size_t>(cell_w) * c);
    }
  }
  return scale_nearest(out, std::clamp(layout.scale, 1, 10));
}

}  // namespace

Image tile_grid(const ImageBatch& batch, const GridLayout& layout) {
  std::vector<Image> cells;
  cells.reserve(batch.count);
  for (int i = 0; i < batch.count; ++i) cells.push_back(batch.image(i));
  std::vector<const Image*> pointers;
  pointers.reserve(cells.size());
  for (const auto& cell : cells) pointers.push_back(&cell);
  return tile(pointers, std::max(1, std::min(layout.columns, batch.count)), layout);
}

Image tile_strip(const std::vector<Image>& images, const GridLayout& layout) {
  std::vector<const Image*> pointers;
  pointers.reserve(images.size());
  for (const auto& image : images) pointers.push_back(&image);
  return tile(pointers, std::max<int>(1, static_cast<int>(images.size())), layout);
}

std::string encode_png(const Image& image) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    throw Error("cannot start the PNG encoder");
  }
  std::string out;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw Error("PNG encoding failed");
  }
  png_set_write_fn(
      png, &out,
      [](png_structp p, png_bytep data, png_size_t length) {
        static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<char*>(data), length);
      },
      [](png_structp) {});
  png_set_IHDR(png, info, image.width, image.height, 8,
               image.channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  const size_t stride = static_cast<size_t>(image.width) * image.channels;
  for (int y = 0; y < image.height; ++y) {
    png_write_row(png, const_cast<png_bytep>(image.pixels.data() + y * stride));
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

void write_png(const std::string& path, const Image& image) {
  write_file_atomically(path, encode_png(image));
}

Image read_png(const std::string& path, int channels, std::array<uint8_t, 3> background) {
  const std::string bytes = read_file(path, {kMostImageFileBytes, true});
  png_image decoded;
  std::memset(&decoded, 0, sizeof decoded);
  decoded.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&decoded, bytes.data(), bytes.size())) {
    throw Error(path + ": not a readable PNG (" + decoded.message + ")");
  }
  // The header's size is checked before a pixel is allocated: a 74-byte file may declare
  // 100,000 x 100,000 pixels.
  const uint64_t pixels = uint64_t{decoded.width} * decoded.height;
  if (pixels > kMostImagePixels) {
    png_image_free(&decoded);
    throw Error(path + ": " + std::to_string(decoded.width) + " x " +
                std::to_string(decoded.height) + " pixels; PNG images of more than " +
                std::to_string(kMostImagePixels / 1000000) + " megapixels are not read");
  }
  decoded.format = channels == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
  Image image{static_cast<int>(decoded.width), static_cast<int>(decoded.height), {}, channels};
  image.pixels.resize(PNG_IMAGE_SIZE(decoded));
  // Without a background libpng would only drop the alpha channel, keeping whatever colour the
  // transparent pixels hold. For gray output it reads the background's green: give it the gray.
  png_color under{background[0], background[1], background[2]};
  if (channels != 3) {
    const auto gray = static_cast<png_byte>(
        std::lround(0.2126 * background[0] + 0.7152 * background[1] + 0.0722 * background[2]));
    under = {gray, gray, gray};
  }
  if (!png_image_finish_read(&decoded, &under, image.pixels.data(), 0, nullptr)) {
    const std::string message = decoded.message;
    png_image_free(&decoded);
    throw Error(path + ": damaged PNG (" + message + ")");
  }
  return image;
}

bool is_gray(const Image& rgb) {
  if (rgb.channels != 3) return true;
  for (size_t i = 0; i + 2 < rgb.pixels.size(); i += 3) {
    if (rgb.pixels[i] != rgb.pixels[i + 1] || rgb.pixels[i] != rgb.pixels[i + 2]) return false;
  }
  return true;
}

}  // namespace gs
