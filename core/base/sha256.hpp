// SHA-256 of a byte string, as lower-case hex: the checksum printed on plans made under a site configuration.
#pragma once

#include <string>
#include <string_view>

namespace ketadose {

std::string Sha256Hex(std::string_view bytes);

}  // namespace ketadose
