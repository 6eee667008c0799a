//===- Config.cpp - Check selection and check options ---------------------===//

#include "driver/Config.h"
#include "ClangTidyOptions.h"
#include "GlobList.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

using namespace llvm;
using clang::tidy::ClangTidyOptions;

namespace shutdown::driver {

namespace {

Expected<ClangTidyOptions> readConfig(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return createStringError(Buffer.getError(), "%s: cannot read: %s",
                             Path.str().c_str(),
                             Buffer.getError().message().c_str());
  // The YAML parser's first diagnostic, as one line: "<path>:1:24: ...".
  std::string Where, Why;
  auto Parsed = clang::tidy::parseConfigurationWithDiags(
      (*Buffer)->getMemBufferRef(), [&](const SMDiagnostic &D) {
        if (Why.empty()) {
          Where = formatv(":{0}:{1}", D.getLineNo(), D.getColumnNo() + 1);
          Why = D.getMessage().str();
        }
      });
  if (!Parsed)
    return createStringError(
        Parsed.getError(), "%s%s: invalid configuration: %s",
        Path.str().c_str(), Where.c_str(),
        (Why.empty() ? Parsed.getError().message() : Why).c_str());
  return *Parsed;
}

} // namespace

Expected<ModelConfig> loadModelConfig(StringRef ConfigFile,
                                      StringRef SearchFrom) {
  ModelConfig Config;
  ClangTidyOptions Merged;
  if (!ConfigFile.empty()) {
    Expected<ClangTidyOptions> O = readConfig(ConfigFile);
    if (!O)
      return O.takeError();
    Merged = std::move(*O);
    Config.Source = ConfigFile.str();
  } else {
    // Nearest first; a file with InheritParentConfig also takes its parents'
    // options, with lower precedence.
    std::vector<ClangTidyOptions> Chain;
    for (StringRef Dir = SearchFrom; !Dir.empty();
         Dir = sys::path::parent_path(Dir)) {
      SmallString<256> P(Dir);
      sys::path::append(P, ".clang-tidy");
      if (!sys::fs::is_regular_file(P))
        continue;
      Expected<ClangTidyOptions> O = readConfig(P);
      if (!O)
        return O.takeError();
      if (Config.Source.empty())
        Config.Source = P.str().str();
      bool Inherit = O->InheritParentConfig.value_or(false);
      Chain.push_back(std::move(*O));
      if (!Inherit)
        break;
    }
    for (unsigned I = Chain.size(); I > 0; --I)
      Merged.mergeWith(Chain[I - 1], Chain.size() - I + 1);
  }
  const ClangTidyOptions::OptionMap &Opts = Merged.CheckOptions;
  Config.Options = ModelOptions::fromOptions(
      [&](StringRef Key) -> std::optional<std::string> {
        for (const CheckInfo &C : checks())
          if (auto It = Opts.find((C.Name + "." + Key).str()); It != Opts.end())
            return It->second.Value;
        if (auto It = Opts.find(Key); It != Opts.end())
          return It->second.Value;
        return std::nullopt;
      });
  return Config;
}

Expected<std::vector<RuleKind>> enabledRules(StringRef Globs) {
  clang::tidy::GlobList List(Globs);
  std::vector<RuleKind> Rules;
  for (const CheckInfo &C : checks())
    if (List.contains(C.Name))
      Rules.push_back(C.Rule);
  if (Rules.empty())
    return createStringError(inconvertibleErrorCode(),
                             "--checks='%s' enables no shutdown-* check",
                             Globs.str().c_str());
  return Rules;
}

} // namespace shutdown::driver
