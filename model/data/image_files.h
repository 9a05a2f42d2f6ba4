// Data sets from ordinary files (issue 15, "your own images"):
// - a folder of PNG and JPEG images, as torchvision's ImageFolder reads it: the images of each
//   sub-folder are one class (labelled in the sub-folders' name order), images directly in the
//   folder make an unlabelled set; unreadable files are listed, not fatal;
// - Keras's mnist.npz (a zip of .npy arrays: x_train uint8 N x H x W, y_train), read with minizip.
// Every image becomes 8-bit grayscale or RGB (data.channels), scaled so that its shorter side is
// data.image_size (box-filter averaging) and centre-cropped to a square.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "model/config/config.h"
#include "model/data/image_set.h"
#include "model/io/images.h"

namespace gs {

// Whether a file name is one this reads (.png, .jpg, .jpeg; any case).
bool is_image_file(const std::string& path);
// A PNG or JPEG file as 8-bit grayscale (or RGB for 3 channels); throws Error naming the file.
// Files over kMostImageFileBytes or declaring more than kMostImagePixels are refused before any
// pixel is allocated; a JPEG decodes at 1/2, 1/4 or 1/8 of its size when its shorter side stays
// at least `min_side` (0: full size); a JPEG libjpeg warns about (truncated, corrupt) is refused.
// PNG transparency is composited on `background` (read_png).
Image read_image_file(const std::string& path, int channels = 1, int min_side = 0,
                      std::array<uint8_t, 3> background = {255, 255, 255});
// Scaled (shorter side to `side`, box filter) and centre-cropped to side x side.
Image fit_square(const Image& image, int side);
// Every image of the set scaled and cropped to `shape` (and converted to its channels).
ImageSet fit_images(ImageSet set, ImageShape shape);

// The image files a folder holds (recursively), in name order: regular files (or links to them)
// named .png, .jpg or .jpeg. Entries so named that are not (a loop of links, a FIFO) go to
// `not_files`, each with the reason, and are never opened.
std::vector<std::string> image_files_in(const std::string& folder,
                                        std::vector<std::string>* not_files = nullptr);
ImageSet load_image_folder(const std::string& folder, ImageShape shape = {},
                           const LoadProgress& progress = {});

ImageSet load_npz(const std::string& path, ImageShape shape = {});
// The number of images in an .npz's x_train, from its header alone.
int64_t count_npz_images(const std::string& path);

}  // namespace gs
