// The core's identity: the content hash printed on plans and the build id the page checks at start.
#include "content/build.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/sha256.hpp"
#include "content/content.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path kRoot = KETADOSE_SOURCE_DIR;

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Every regular file under each folder, as '/'-separated paths relative to the repository root, sorted.
std::vector<std::string> FilesUnder(const std::vector<std::string>& folders) {
  std::vector<std::string> names;
  for (const std::string& folder : folders) {
    for (const auto& entry : fs::recursive_directory_iterator(kRoot / folder)) {
      if (entry.is_regular_file()) names.push_back(fs::relative(entry.path(), kRoot).generic_string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST(ContentHash, IsTheSha256OfTheContentFilesOnDiskEachNamedByItsPath) {
  // Recomputed here from content/ as it is on disk: the compiled-in bytes must be exactly these files. The
  // education files are compiled in as their core view (cmake/embed_content.cmake; the synonyms not at all):
  // those bytes are the embedded ones, checked value by value against the files on disk in education_test.cpp.
  // The manifest cmake/embed_content.cmake hashes: "<sha256 of the bytes>  <path>\n" per file, in path order.
  std::string manifest;
  for (const std::string& name : FilesUnder({"content"})) {
    if (fs::path(name).extension() != ".json") continue;
    const std::string key = name.substr(std::string("content/").size());
    std::string text = ReadBytes(kRoot / name);
    if (key.rfind("education/", 0) == 0) {
      const auto& files = ketadose::EmbeddedContent();
      const auto found = std::find_if(files.begin(), files.end(), [&](const auto& file) { return file.name == key; });
      if (found == files.end()) continue;
      text = std::string(found->text);
    }
    manifest += ketadose::Sha256Hex(text) + "  " + key + "\n";
  }
  EXPECT_EQ(ketadose::ContentHash(), ketadose::Sha256Hex(manifest));
  EXPECT_EQ(ketadose::ContentHash().size(), 64U);
}

TEST(CoreBuildId, CoversEverySourceAndContentFileOfTheCore) {
  // The manifest cmake/build_id.cmake hashes: "<sha256>  <path>\n" per file, sorted by path.
  std::vector<std::string> names = FilesUnder({"core", "content", "wasm", "cmake"});
  names.push_back("CMakeLists.txt");
  std::sort(names.begin(), names.end());
  std::string manifest;
  for (const std::string& name : names) manifest += ketadose::Sha256Hex(ReadBytes(kRoot / name)) + "  " + name + "\n";
  EXPECT_EQ(std::string(ketadose::CoreBuildId()), ketadose::Sha256Hex(manifest).substr(0, 16));
}
