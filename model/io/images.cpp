#include "model/io/images.h"

#include <png.h>

#include <algorithm>
#include <cstring>

#include "model/io/error.h"
#include "model/io/file_io.h"

namespace gs {

GrayImage ImageBatch::image(int index) const {
  GrayImage out{side, side, {}};
  const size_t size = static_cast<size_t>(side) * side;
  const auto begin = pixels.begin() + static_cast<std::ptrdiff_t>(size * index);
  out.pixels.assign(begin, begin + static_cast<std::ptrdiff_t>(size));
  return out;
}

GrayImage scale_nearest(const GrayImage& image, int factor) {
  if (factor <= 1) return image;
  GrayImage out{image.width * factor, image.height * factor, {}};
  out.pixels.resize(static_cast<size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y) {
    const uint8_t* source = image.pixels.data() + static_cast<size_t>(y / factor) * image.width;
    uint8_t* row = out.pixels.data() + static_cast<size_t>(y) * out.width;
    for (int x = 0; x < out.width; ++x) row[x] = source[x / factor];
  }
  return out;
}

namespace {

GrayImage tile(const std::vector<const GrayImage*>& cells, int columns, const GridLayout& layout) {
  if (cells.empty()) return {};
  const int cell_w = cells.front()->width;
  const int cell_h = cells.front()->height;
  const int rows = (static_cast<int>(cells.size()) + columns - 1) / columns;
  GrayImage out{
      columns * cell_w + (columns + 1) * layout.gap, rows * cell_h + (rows + 1) * layout.gap, {}};
  out.pixels.assign(static_cast<size_t>(out.width) * out.height, layout.gap_value);
  for (size_t i = 0; i < cells.size(); ++i) {
    const int left = layout.gap + static_cast<int>(i % columns) * (cell_w + layout.gap);
    const int top = layout.gap + static_cast<int>(i / columns) * (cell_h + layout.gap);
    for (int y = 0; y < cell_h; ++y) {
      std::memcpy(out.pixels.data() + static_cast<size_t>(top + y) * out.width + left,
                  cells[i]->pixels.data() + static_cast<size_t>(y) * cell_w, cell_w);
    }
  }
  return scale_nearest(out, std::clamp(layout.scale, 1, 10));
}

}  // namespace

GrayImage tile_grid(const ImageBatch& batch, const GridLayout& layout) {
  std::vector<GrayImage> cells;
  cells.reserve(batch.count);
  for (int i = 0; i < batch.count; ++i) cells.push_back(batch.image(i));
  std::vector<const GrayImage*> pointers;
  for (const auto& cell : cells) pointers.push_back(&cell);
  return tile(pointers, std::max(1, std::min(layout.columns, batch.count)), layout);
}

GrayImage tile_strip(const std::vector<GrayImage>& images, const GridLayout& layout) {
  std::vector<const GrayImage*> pointers;
  for (const auto& image : images) pointers.push_back(&image);
  return tile(pointers, std::max<int>(1, static_cast<int>(images.size())), layout);
}

std::string encode_png(const GrayImage& image) {
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
  png_set_IHDR(png, info, image.width, image.height, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < image.height; ++y) {
    png_write_row(
        png, const_cast<png_bytep>(image.pixels.data() + static_cast<size_t>(y) * image.width));
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

void write_png(const std::string& path, const GrayImage& image) {
  write_file_atomically(path, encode_png(image));
}

GrayImage read_png(const std::string& path) {
  const std::string bytes = read_file(path);
  png_image decoded;
  std::memset(&decoded, 0, sizeof decoded);
  decoded.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&decoded, bytes.data(), bytes.size())) {
    throw Error(path + ": not a readable PNG (" + decoded.message + ")");
  }
  decoded.format = PNG_FORMAT_GRAY;
  GrayImage image{static_cast<int>(decoded.width), static_cast<int>(decoded.height), {}};
  image.pixels.resize(PNG_IMAGE_SIZE(decoded));
  if (!png_image_finish_read(&decoded, nullptr, image.pixels.data(), 0, nullptr)) {
    const std::string message = decoded.message;
    png_image_free(&decoded);
    throw Error(path + ": damaged PNG (" + message + ")");
  }
  return image;
}

}  // namespace gs
