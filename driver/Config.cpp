//===- Config.cpp - Check selection and check options ---------------------===//

#include "driver/Config.h"
#include "ClangTidyOptions.h"
#include "GlobList.h"
#include "checkers/model/OptionKeys.h"
#include "driver/CompilationDb.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;
using clang::tidy::ClangTidyOptions;

namespace shutdown::driver {

static Expected<ClangTidyOptions> readConfig(StringRef Path) {
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

Expected<ModelConfig> loadModelConfig(StringRef ConfigFile,
                                      StringRef SearchFrom) {
  ModelConfig Config;
  // The files read, nearest first, each with its options.
  std::vector<std::pair<std::string, ClangTidyOptions>> Chain;
  if (!ConfigFile.empty()) {
    Expected<ClangTidyOptions> O = readConfig(ConfigFile);
    if (!O)
      return O.takeError();
    Chain.emplace_back(ConfigFile.str(), std::move(*O));
  } else {
    // A file with InheritParentConfig also takes its parents' options, with
    // lower precedence.
    for (StringRef Dir = SearchFrom; !Dir.empty();
         Dir = sys::path::parent_path(Dir)) {
      SmallString<256> P(Dir);
      sys::path::append(P, ".clang-tidy");
      if (!sys::fs::is_regular_file(P))
        continue;
      Expected<ClangTidyOptions> O = readConfig(P);
      if (!O)
        return O.takeError();
      bool Inherit = O->InheritParentConfig.value_or(false);
      Chain.emplace_back(P.str().str(), std::move(*O));
      if (!Inherit)
        break;
    }
  }
  if (!Chain.empty())
    Config.Source = Chain.front().first;
  ClangTidyOptions Merged;
  for (unsigned I = Chain.size(); I > 0; --I)
    Merged.mergeWith(Chain[I - 1].second, Chain.size() - I + 1);

  const ClangTidyOptions::OptionMap &Opts = Merged.CheckOptions;
  StringMap<std::string> ReadAs; // Model key -> the key that set it.
  auto Lookup = [&](StringRef Key) -> std::optional<std::string> {
    for (const CheckInfo &C : checks())
      if (auto It = Opts.find((C.Name + "." + Key).str()); It != Opts.end()) {
        ReadAs[Key] = It->getKey().str();
        return It->second.Value;
      }
    if (auto It = Opts.find(Key); It != Opts.end()) {
      ReadAs[Key] = Key.str();
      return It->second.Value;
    }
    return std::nullopt;
  };
  // A value that does not parse stops the run: the nearest file that sets
  // the key is named.
  std::string Bad;
  Config.Options = ModelOptions::fromOptions(Lookup, [&](const OptionError &E) {
    if (!Bad.empty())
      return;
    std::string Key = ReadAs.lookup(E.Key);
    auto In = llvm::find_if(Chain, [&](const auto &File) {
      return File.second.CheckOptions.count(Key) != 0;
    });
    Bad = formatv("{0}: invalid value '{1}' for option '{2}': expected {3}",
                  In != Chain.end() ? In->first : Config.Source, E.Value, Key,
                  E.Expected);
  });
  if (!Bad.empty())
    return createStringError(inconvertibleErrorCode(), Bad);
  std::vector<std::string> Keys;
  for (const auto &Entry : Opts)
    Keys.push_back(Entry.getKey().str());
  llvm::sort(Keys);
  for (const UnknownOption &U : unknownOptions(Keys)) {
    auto In = llvm::find_if(Chain, [&](const auto &File) {
      return File.second.CheckOptions.count(U.Key) != 0;
    });
    Config.Warnings.push_back((In != Chain.end() ? In->first : Config.Source) +
                              ": " + U.message());
  }
  return Config;
}

/// The nearest .clang-tidy in Dir or above it; empty when there is none.
static std::string nearestConfig(StringRef Dir, StringMap<std::string> &Known) {
  auto [It, New] = Known.try_emplace(Dir);
  if (!New)
    return It->second;
  SmallString<256> P(Dir);
  sys::path::append(P, ".clang-tidy");
  std::string Found;
  if (sys::fs::is_regular_file(P))
    Found = P.str().str();
  else if (StringRef Parent = sys::path::parent_path(Dir); !Parent.empty())
    Found = nearestConfig(Parent, Known);
  return Known[Dir] = Found;
}

/// The configuration of a .clang-tidy found by the search (empty: none).
/// As clang-tidy does, a file that is not a valid .clang-tidy (another
/// version's keys, say) is named in a warning and the search goes on in its
/// parent directories; a bad value of one of our options stays an error.
static Expected<ModelConfig> loadFoundConfig(std::string Nearest,
                                             StringMap<std::string> &Known) {
  while (!Nearest.empty()) {
    std::string Dir = sys::path::parent_path(Nearest).str();
    Expected<ModelConfig> C = loadModelConfig("", Dir);
    if (C)
      return C;
    std::string Why = toString(C.takeError());
    if (!StringRef(Why).contains(": invalid configuration: "))
      return createStringError(inconvertibleErrorCode(), Why);
    WithColor::warning(errs(), "shutdown-hazards")
        << Why << "; ignored, as clang-tidy does\n";
    StringRef Parent = sys::path::parent_path(Dir);
    Nearest = Parent.empty() ? "" : nearestConfig(Parent, Known);
  }
  return ModelConfig{ModelOptions::defaults(), "", {}};
}

Expected<std::vector<ConfigGroup>> loadUnitConfigs(StringRef ConfigFile,
                                                   const CompilationDb &Db) {
  std::vector<ConfigGroup> Groups;
  if (!ConfigFile.empty()) {
    Expected<ModelConfig> C = loadModelConfig(ConfigFile, "");
    if (!C)
      return C.takeError();
    Groups.push_back({std::move(*C), {}});
    for (size_t I = 0; I < Db.Units.size(); ++I)
      Groups.back().Units.push_back(I);
    return Groups;
  }
  StringMap<std::string> Known;
  std::string Fallback = nearestConfig(Db.Directory, Known);
  StringMap<size_t> GroupOf; // The nearest file -> its group.
  for (size_t I = 0; I < Db.Units.size(); ++I) {
    std::string Nearest =
        nearestConfig(sys::path::parent_path(Db.Units[I].File), Known);
    if (Nearest.empty())
      Nearest = Fallback;
    auto [It, New] = GroupOf.try_emplace(Nearest, Groups.size());
    if (New) {
      Expected<ModelConfig> C = loadFoundConfig(Nearest, Known);
      if (!C)
        return C.takeError();
      Groups.push_back({std::move(*C), {}});
    }
    Groups[It->second].Units.push_back(I);
  }
  if (Groups.empty())
    Groups.push_back({ModelConfig{ModelOptions::defaults(), "", {}}, {}});
  return Groups;
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

std::vector<std::string> globsMatchingNoCheck(StringRef Globs) {
  SmallVector<StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Unmatched;
  for (StringRef Part : Parts) {
    StringRef Glob = Part.trim();
    Glob.consume_front("-");
    Glob = Glob.trim();
    if (Glob.empty())
      continue;
    clang::tidy::GlobList One(Glob);
    if (llvm::none_of(checks(),
                      [&](const CheckInfo &C) { return One.contains(C.Name); }))
      Unmatched.push_back(Part.trim().str());
  }
  return Unmatched;
}

} // namespace shutdown::driver
