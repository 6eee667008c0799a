//===- Cache.cpp - Facts of a translation unit, stored and reused ---------===//

#include "driver/Cache.h"
#include "checkers/model/ApiTables.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

using namespace llvm;

namespace shutdown::driver {

namespace {

/// Version of the result and cache entry format (the facts inside carry
/// their own FactsVersion).
constexpr int ResultVersion = 1;
constexpr StringRef ResultFormat = "shutdown-hazards-tu";

std::string hex(uint64_t V) { return utohexstr(V, /*LowerCase=*/true, 16); }

} // namespace

uint64_t contentHash(StringRef Contents) { return xxh3_64bits(Contents); }

json::Value toJSON(const TUResult &R) {
  json::Array Deps;
  for (const Dependency &D : R.Deps)
    Deps.push_back(json::Array{D.Path, hex(D.Hash)});
  return json::Object{{"format", ResultFormat},
                      {"version", ResultVersion},
                      {"key", R.Key},
                      {"file", R.File},
                      {"parseError", R.ParseError},
                      {"deps", std::move(Deps)},
                      {"facts", toJSON(R.Facts)}};
}

Expected<TUResult> resultFromJSON(const json::Value &V) {
  auto Bad = [](const Twine &Why) {
    return createStringError(inconvertibleErrorCode(), Why);
  };
  const json::Object *O = V.getAsObject();
  if (!O || O->getString("format") != ResultFormat)
    return Bad("not a shutdown-hazards result");
  if (O->getInteger("version") != ResultVersion)
    return Bad("result format version " +
               Twine(O->getInteger("version").value_or(0)) + ", expected " +
               Twine(ResultVersion));
  TUResult R;
  auto Key = O->getString("key");
  auto File = O->getString("file");
  auto Error = O->getString("parseError");
  const json::Array *Deps = O->getArray("deps");
  const json::Value *Facts = O->get("facts");
  if (!Key || !File || !Error || !Deps || !Facts)
    return Bad("incomplete result");
  R.Key = Key->str();
  R.File = File->str();
  R.ParseError = Error->str();
  for (const json::Value &D : *Deps) {
    const json::Array *Pair = D.getAsArray();
    std::optional<StringRef> Path, Hash;
    if (Pair && Pair->size() == 2) {
      Path = (*Pair)[0].getAsString();
      Hash = (*Pair)[1].getAsString();
    }
    Dependency Dep;
    if (!Path || !Hash || Hash->getAsInteger(16, Dep.Hash))
      return Bad("malformed dependency");
    Dep.Path = Path->str();
    R.Deps.push_back(std::move(Dep));
  }
  Expected<TUFacts> F = factsFromJSON(*Facts);
  if (!F)
    return F.takeError();
  R.Facts = std::move(*F);
  return R;
}

Expected<TUResult> readResult(StringRef Path, StringRef Key) {
  auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return errorCodeToError(Buffer.getError());
  Expected<json::Value> V = json::parse((*Buffer)->getBuffer());
  if (!V)
    return V.takeError();
  Expected<TUResult> R = resultFromJSON(*V);
  if (R && R->Key != Key)
    return createStringError(inconvertibleErrorCode(),
                             "the result is for another command");
  return R;
}

Error writeFileAtomically(StringRef Path, StringRef Contents) {
  Expected<sys::fs::TempFile> Temp =
      sys::fs::TempFile::create(Path + ".tmp-%%%%%%%%");
  if (!Temp)
    return Temp.takeError();
  raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
  OS << Contents;
  OS.flush();
  if (OS.has_error()) {
    std::error_code EC = OS.error();
    OS.clear_error();
    consumeError(Temp->discard());
    return errorCodeToError(EC);
  }
  return Temp->keep(Path);
}

std::optional<uint64_t> FileHasher::hash(StringRef Path) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    if (auto It = Hashes.find(Path); It != Hashes.end())
      return It->second;
  }
  // Hashed outside the lock; two threads may hash the same file once each.
  std::optional<uint64_t> H;
  if (auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false))
    H = contentHash((*Buffer)->getBuffer());
  std::lock_guard<std::mutex> Guard(Lock);
  return Hashes.try_emplace(Path, H).first->second;
}

std::string toolIdentity() {
  static int Anchor;
  std::string Exe = sys::fs::getMainExecutable("shutdown-hazards", &Anchor);
  std::string Id = "shutdown-hazards " SHUTDOWN_HAZARDS_VERSION
                   " clang " CLANG_VERSION_STRING " facts " +
                   std::to_string(FactsVersion);
  if (auto Buffer = MemoryBuffer::getFile(Exe, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false))
    Id += " exe " + hex(contentHash((*Buffer)->getBuffer()));
  return Id;
}

std::string cacheKey(const TranslationUnit &TU, const ModelOptions &Options,
                     StringRef ToolIdentity) {
  std::string K;
  raw_string_ostream OS(K);
  OS << ToolIdentity << "\n"
     << Options.fingerprint() << "directory " << TU.Directory << "\nfile "
     << TU.File << "\n";
  for (const std::string &A : TU.Arguments)
    OS << "arg " << A << "\n";
  return K;
}

Expected<Cache> Cache::open(StringRef Dir) {
  if (std::error_code EC = sys::fs::create_directories(Dir))
    return createStringError(EC, "cannot create the cache directory '%s': %s",
                             Dir.str().c_str(), EC.message().c_str());
  return Cache(Dir.str());
}

std::string Cache::entryPath(StringRef Key) const {
  SmallString<256> P(Dir);
  sys::path::append(P, hex(contentHash(Key)) + ".json");
  return P.str().str();
}

std::optional<TUResult> Cache::lookup(StringRef Key, FileHasher &Hasher) const {
  Expected<TUResult> R = readResult(entryPath(Key), Key);
  if (!R) {
    consumeError(R.takeError());
    return std::nullopt;
  }
  // A parse error may come from a file that did not exist ('foo.h' not
  // found): not a function of the files read, so never reused.
  if (!R->ParseError.empty())
    return std::nullopt;
  for (const Dependency &D : R->Deps)
    if (Hasher.hash(D.Path) != D.Hash)
      return std::nullopt;
  return std::move(*R);
}

} // namespace shutdown::driver
