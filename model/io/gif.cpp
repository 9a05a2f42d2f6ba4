#include "model/io/gif.h"

#include <gif_lib.h>

#include "model/io/error.h"

namespace gs {

namespace {

int append_bytes(GifFileType* gif, const GifByteType* data, int length) {
  static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(data), length);
  return length;
}

}  // namespace

std::string encode_gif(const std::vector<Image>& frames, int delay_ms) {
  if (frames.empty()) throw Error("no frames to write");
  const int width = frames.front().width;
  const int height = frames.front().height;
  std::string out;
  int error = 0;
  GifFileType* gif = EGifOpen(&out, append_bytes, &error);
  if (!gif) throw Error(std::string("cannot start the GIF encoder: ") + GifErrorString(error));
  auto fail = [&](const std::string& what) {
    const int code = gif->Error;
    EGifCloseFile(gif, &error);
    throw Error("GIF encoding failed (" + what + "): " + GifErrorString(code));
  };
  EGifSetGifVersion(gif, true);
  // Grayscale frames use 256 grays; RGB frames a fixed 3-3-2 palette (8 reds, 8 greens, 4 blues).
  const bool rgb = frames.front().channels == 3;
  ColorMapObject* palette = GifMakeMapObject(256, nullptr);
  for (int i = 0; i < 256; ++i) {
    const auto level = [](int value, int bits) {
      return static_cast<GifByteType>(value * 255 / ((1 << bits) - 1));
    };
    palette->Colors[i] =
        rgb ? GifColorType{level(i >> 5, 3), level((i >> 2) & 7, 3), level(i & 3, 2)}
            : GifColorType{static_cast<GifByteType>(i), static_cast<GifByteType>(i),
                           static_cast<GifByteType>(i)};
  }
  const int screen = EGifPutScreenDesc(gif, width, height, 8, 0, palette);
  GifFreeMapObject(palette);
  if (screen == GIF_ERROR) fail("screen");
  // NETSCAPE2.0 application extension: loop forever.
  static const GifByteType kNetscape[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
  static const GifByteType kLoopForever[] = {1, 0, 0};
  if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
      EGifPutExtensionBlock(gif, sizeof kNetscape, kNetscape) == GIF_ERROR ||
      EGifPutExtensionBlock(gif, sizeof kLoopForever, kLoopForever) == GIF_ERROR ||
      EGifPutExtensionTrailer(gif) == GIF_ERROR) {
    fail("loop extension");
  }
  std::vector<GifPixelType> indexed(static_cast<size_t>(width));
  for (const Image& frame : frames) {
    if (frame.width != width || frame.height != height || frame.channels != frames[0].channels) {
      EGifCloseFile(gif, &error);
      throw Error("GIF frames differ in size: " + std::to_string(frame.width) + "x" +
                  std::to_string(frame.height) + " after " + std::to_string(width) + "x" +
                  std::to_string(height));
    }
    GraphicsControlBlock control{};
    control.DisposalMode = DISPOSE_DO_NOT;
    control.DelayTime = (delay_ms + 5) / 10;
    control.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType extension[4];
    const size_t length = EGifGCBToExtension(&control, extension);
    if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length), extension) ==
            GIF_ERROR ||
        EGifPutImageDesc(gif, 0, 0, width, height, false, nullptr) == GIF_ERROR) {
      fail("frame header");
    }
    for (int y = 0; y < height; ++y) {
      const uint8_t* source = frame.pixels.data() + static_cast<size_t>(y) * width * frame.channels;
      GifPixelType* row = const_cast<GifPixelType*>(source);
      if (rgb) {
        for (int x = 0; x < width; ++x) {
          const uint8_t* p = source + static_cast<std::ptrdiff_t>(x) * 3;
          indexed[static_cast<size_t>(x)] =
              static_cast<GifPixelType>((p[0] >> 5) << 5 | (p[1] >> 5) << 2 | (p[2] >> 6));
        }
        row = indexed.data();
      }
      if (EGifPutLine(gif, row, width) == GIF_ERROR) fail("pixels");
    }
  }
  if (EGifCloseFile(gif, &error) == GIF_ERROR) {
    throw Error(std::string("GIF encoding failed: ") + GifErrorString(error));
  }
  return out;
}

GifInfo read_gif_info(const std::string& path) {
  int error = 0;
  GifFileType* gif = DGifOpenFileName(path.c_str(), &error);
  if (!gif) throw Error(path + ": cannot read GIF (" + GifErrorString(error) + ")");
  if (DGifSlurp(gif) == GIF_ERROR) {
    const std::string reason = GifErrorString(gif->Error);
    DGifCloseFile(gif, &error);
    throw Error(path + ": damaged GIF (" + reason + ")");
  }
  GifInfo info{gif->SWidth, gif->SHeight, gif->ImageCount, 0};
  GraphicsControlBlock control{};
  if (gif->ImageCount > 0 && DGifSavedExtensionToGCB(gif, 0, &control) == GIF_OK) {
    info.delay_ms = control.DelayTime * 10;
  }
  const ColorMapObject* map = gif->ImageCount > 0 && gif->SavedImages[0].ImageDesc.ColorMap
                                  ? gif->SavedImages[0].ImageDesc.ColorMap
                                  : gif->SColorMap;
  if (gif->ImageCount > 0 && map && gif->SavedImages[0].RasterBits) {
    const int index = gif->SavedImages[0].RasterBits[0];
    if (index < map->ColorCount) {
      const GifColorType colour = map->Colors[index];
      info.first_pixel = {colour.Red, colour.Green, colour.Blue};
    }
  }
  DGifCloseFile(gif, &error);
  return info;
}

}  // namespace gs
