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

std::string encode_gif(const std::vector<GrayImage>& frames, int delay_ms) {
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
  ColorMapObject* gray = GifMakeMapObject(256, nullptr);
  for (int i = 0; i < 256; ++i) {
    gray->Colors[i] = GifColorType{static_cast<GifByteType>(i), static_cast<GifByteType>(i),
                                   static_cast<GifByteType>(i)};
  }
  const int screen = EGifPutScreenDesc(gif, width, height, 8, 0, gray);
  GifFreeMapObject(gray);
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
  for (const GrayImage& frame : frames) {
    if (frame.width != width || frame.height != height) {
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
      auto* row = const_cast<GifPixelType*>(frame.pixels.data() + static_cast<size_t>(y) * width);
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
  DGifCloseFile(gif, &error);
  return info;
}

}  // namespace gs
