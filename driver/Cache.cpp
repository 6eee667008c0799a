//===- Cache.cpp - Facts of a translation unit, stored and reused ---------===//

#include "driver/Cache.h"
#include "checkers/model/ApiTables.h"
#include "driver/Output.h"
#include "driver/Paths.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

using namespace llvm;

namespace shutdown::driver {

namespace {

/// Version of the result file's format (the facts inside carry their own
/// FactsVersion). 2: the header line, then the fact file as is.
constexpr int ResultVersion = 2;
constexpr StringRef ResultFormat = "shutdown-hazards-tu";
/// How a result file starts, and a fact file never does.
constexpr StringRef ResultStart = "{\"format\":\"shutdown-hazards-tu\",";

/// A stream that only counts the bytes written to it.
class ByteCounter : public raw_ostream {
public:
  ByteCounter() { SetBufferSize(64 * 1024); }
  ~ByteCounter() override { flush(); }

private:
  void write_impl(const char *, size_t Size) override { Bytes += Size; }
  uint64_t current_pos() const override { return Bytes; }
  uint64_t Bytes = 0;
};
} // namespace

static std::string hex(uint64_t V) {
  return utohexstr(V, /*LowerCase=*/true, 16);
}

static Error bad(const Twine &Why) {
  return createStringError(inconvertibleErrorCode(), Why);
}

/// The header's fields, checked.
static Expected<TUResult> headerFromJSON(const json::Value &V,
                                         uint64_t &FactsSize) {
  const json::Object *O = V.getAsObject();
  if (!O || O->getString("format") != ResultFormat)
    return bad("not a shutdown-hazards result");
  if (O->getInteger("version") != ResultVersion)
    return bad("result format version " +
               Twine(O->getInteger("version").value_or(0)) + ", expected " +
               Twine(ResultVersion));
  TUResult R;
  auto Key = O->getString("key");
  auto File = O->getString("file");
  auto Error = O->getString("parseError");
  const json::Array *Deps = O->getArray("deps");
  auto Size = O->getInteger("factsSize");
  if (!Key || !File || !Error || !Deps || !Size || *Size < 0)
    return bad("incomplete result");
  R.Key = Key->str();
  R.File = File->str();
  R.ParseError = Error->str();
  FactsSize = *Size;
  for (const json::Value &D : *Deps) {
    const json::Array *Pair = D.getAsArray();
    std::optional<StringRef> Path, Hash;
    if (Pair && Pair->size() == 2) {
      Path = (*Pair)[0].getAsString();
      Hash = (*Pair)[1].getAsString();
    }
    Dependency Dep;
    if (!Path || !Hash || Hash->getAsInteger(16, Dep.Hash))
      return bad("malformed dependency");
    Dep.Path = Path->str();
    R.Deps.push_back(std::move(Dep));
  }
  return R;
}

static Expected<std::unique_ptr<MemoryBuffer>> readFile(StringRef Path) {
  // Read, not mapped: a link reads thousands of small files on several
  // threads, and each map and unmap stops the others to flush their TLBs.
  auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false,
                                      /*IsVolatile=*/true);
  if (!Buffer)
    return errorCodeToError(Buffer.getError());
  return std::move(*Buffer);
}

uint64_t contentHash(StringRef Contents) { return xxh3_64bits(Contents); }

Error writeResult(StringRef Path, const TUResult &R, const TUFacts &Facts) {
  // The header gives the fact file's size: it is written twice, counted
  // first, rather than held in memory beside the facts it comes from.
  ByteCounter Counter;
  writeFacts(Counter, Facts);
  uint64_t FactsSize = Counter.tell();
  return writeAtomically(Path, [&](raw_ostream &OS) {
    {
      // In this order: ResultStart is how readers tell a result.
      json::OStream J(OS);
      J.object([&] {
        J.attribute("format", ResultFormat);
        J.attribute("version", ResultVersion);
        J.attribute("key", R.Key);
        J.attribute("file", R.File);
        J.attribute("parseError", R.ParseError);
        J.attributeArray("deps", [&] {
          for (const Dependency &D : R.Deps)
            J.array([&] {
              J.value(D.Path);
              J.value(hex(D.Hash));
            });
        });
        J.attribute("factsSize", static_cast<int64_t>(FactsSize));
      });
    }
    OS << "\n";
    writeFacts(OS, Facts);
  });
}

Expected<StoredResult> readResult(StringRef Path, StringRef Key) {
  Expected<std::unique_ptr<MemoryBuffer>> Buffer = readFile(Path);
  if (!Buffer)
    return Buffer.takeError();
  StringRef Text = (*Buffer)->getBuffer();
  size_t End = Text.find('\n');
  if (!Text.starts_with(ResultStart) || End == StringRef::npos)
    return bad("not a shutdown-hazards result");
  StringRef Header = Text.take_front(End);
  Expected<json::Value> V = json::parse(Header);
  if (!V)
    return V.takeError();
  uint64_t FactsSize = 0;
  Expected<TUResult> R = headerFromJSON(*V, FactsSize);
  if (!R)
    return R.takeError();
  if (R->Key != Key)
    return bad("the result is for another command");
  if (Text.size() - End - 1 != FactsSize)
    return bad("the result's facts are not whole");
  return StoredResult{std::move(*R), contentHash(Header)};
}

Expected<RawFacts> readFacts(StringRef Path, std::optional<uint64_t> Stamp) {
  Expected<std::unique_ptr<MemoryBuffer>> Buffer = readFile(Path);
  if (!Buffer)
    return Buffer.takeError();
  StringRef Text = (*Buffer)->getBuffer();
  size_t Offset = 0;
  if (Text.starts_with(ResultStart)) {
    size_t End = Text.find('\n');
    if (End == StringRef::npos)
      return bad("a result without facts");
    if (Stamp && contentHash(Text.take_front(End)) != *Stamp)
      return bad("the result changed since it was checked");
    Offset = End + 1;
  } else if (Stamp) {
    return bad("not a shutdown-hazards result");
  }
  return readFactFile(std::move(*Buffer), Offset);
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
  std::string Exe = mainExecutable();
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

std::optional<StoredResult> Cache::lookup(StringRef Key,
                                          FileHasher &Hasher) const {
  Expected<StoredResult> R = readResult(entryPath(Key), Key);
  if (!R) {
    consumeError(R.takeError());
    return std::nullopt;
  }
  // A parse error may come from a file that did not exist ('foo.h' not
  // found): not a function of the files read, so never reused.
  if (!R->Result.ParseError.empty())
    return std::nullopt;
  for (const Dependency &D : R->Result.Deps)
    if (Hasher.hash(D.Path) != D.Hash)
      return std::nullopt;
  return std::move(*R);
}

/// The unit a cache entry is for and its key, from its header; an empty
/// unit when the file is not an entry of this format.
static std::pair<std::string, std::string> entryUnit(StringRef Path) {
  Expected<std::unique_ptr<MemoryBuffer>> Buffer = readFile(Path);
  if (!Buffer) {
    consumeError(Buffer.takeError());
    return {};
  }
  StringRef Header = (*Buffer)->getBuffer().split('\n').first;
  if (!Header.starts_with(ResultStart))
    return {};
  Expected<json::Value> V = json::parse(Header);
  if (!V) {
    consumeError(V.takeError());
    return {};
  }
  const json::Object *O = V->getAsObject();
  std::optional<StringRef> File = O ? O->getString("file") : std::nullopt;
  std::optional<StringRef> Key = O ? O->getString("key") : std::nullopt;
  if (!File || !Key)
    return {};
  return {File->str(), Key->str()};
}

Cache::Eviction Cache::evict(const StringSet<> &InUse,
                             const StringSet<> &Listed,
                             const StringSet<> &Analyzed,
                             StringRef ToolIdentity, uint64_t MaxBytes) const {
  struct Entry {
    std::string Path;
    uint64_t Size;
    sys::TimePoint<> Modified;
  };
  Eviction Out;
  std::vector<Entry> Others; // Not this run's, by age.
  std::error_code EC;
  for (sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    StringRef Name = sys::path::filename(It->path());
    if (Name.size() != 16 + 5 || !Name.ends_with(".json"))
      continue;
    sys::fs::file_status Status;
    if (sys::fs::status(It->path(), Status))
      continue;
    if (InUse.contains(It->path())) {
      Out.Kept += Status.getSize();
      Out.KeptInUse += Status.getSize();
      continue;
    }
    auto [Unit, Key] = entryUnit(It->path());
    if (Unit.empty())
      continue; // Not an entry: leave it alone.
    // Every key starts with the identity of the build that made it.
    bool OtherBuild = !StringRef(Key).starts_with((ToolIdentity + "\n").str());
    if (!Listed.contains(Unit) || (Analyzed.contains(Unit) && OtherBuild)) {
      Out.Removed += !sys::fs::remove(It->path());
      continue;
    }
    Others.push_back(
        {It->path(), Status.getSize(), Status.getLastModificationTime()});
    Out.Kept += Status.getSize();
  }
  if (!MaxBytes)
    return Out;
  llvm::sort(Others, [](const Entry &A, const Entry &B) {
    return std::tie(A.Modified, A.Path) < std::tie(B.Modified, B.Path);
  });
  for (const Entry &E : Others) {
    if (Out.Kept <= MaxBytes)
      break;
    if (!sys::fs::remove(E.Path)) {
      ++Out.Removed;
      Out.Kept -= E.Size;
    }
  }
  return Out;
}

} // namespace shutdown::driver
