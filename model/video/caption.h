// A line of text under a video frame, drawn with a built-in 5 x 7 pixel font (digits, Latin
// letters shown in capitals, and . , : - / % = ( ) + #; anything else as '?'). No font files, no
// Qt.
#pragma once

#include <string>

#include "model/io/images.h"

namespace gs {

// The height of the band with_caption() adds under a frame drawn at `scale`.
int caption_height(int scale);

// The frame with a black band underneath holding `text` in white, each font pixel `scale` x
// `scale` (1..10); what does not fit the frame's width is left out. The result has the frame's
// channels.
Image with_caption(const Image& frame, const std::string& text, int scale);

}  // namespace gs
