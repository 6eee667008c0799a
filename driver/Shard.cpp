//===- Shard.cpp - One slice of the map phase, for many machines ----------===//

#include "driver/Shard.h"
#include "driver/Output.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace shutdown::driver {

Expected<ShardSpec> parseShard(StringRef Text) {
  auto [K, N] = Text.split('/');
  ShardSpec S;
  if (K.getAsInteger(10, S.Index) || N.getAsInteger(10, S.Count) ||
      S.Count == 0 || S.Index == 0 || S.Index > S.Count)
    return createStringError(inconvertibleErrorCode(),
                             "--shard='%s': expected K/N with 1 <= K <= N "
                             "(e.g. --shard=2/5)",
                             Text.str().c_str());
  return S;
}

std::vector<size_t> keepShard(CompilationDb &Db, const ShardSpec &S) {
  std::vector<size_t> Positions;
  std::vector<TranslationUnit> Kept;
  for (size_t I = S.Index - 1; I < Db.Units.size(); I += S.Count) {
    Positions.push_back(I);
    Kept.push_back(std::move(Db.Units[I]));
  }
  Db.Units = std::move(Kept);
  return Positions;
}

Error prepareFactsOut(StringRef Dir) {
  std::error_code EC = sys::fs::create_directories(Dir);
  if (!EC && !sys::fs::is_directory(Dir))
    EC = std::make_error_code(std::errc::not_a_directory);
  if (EC)
    return createStringError(EC, "--facts-out: cannot make '%s': %s",
                             Dir.str().c_str(), EC.message().c_str());
  return Error::success();
}

Error writeFactsOut(StringRef Dir, ArrayRef<MappedUnit> Units,
                    ArrayRef<size_t> Positions) {
  for (size_t I = 0; I < Units.size(); ++I) {
    if (!Units[I].Result)
      continue;
    ErrorOr<std::unique_ptr<MemoryBuffer>> In =
        MemoryBuffer::getFile(Units[I].ResultPath);
    if (!In)
      return createStringError(In.getError(), "cannot read '%s': %s",
                               Units[I].ResultPath.c_str(),
                               In.getError().message().c_str());
    std::string Name;
    raw_string_ostream(Name) << format("%08zu.json", Positions[I]);
    SmallString<256> Path(Dir);
    sys::path::append(Path, Name);
    if (Error E = writeAtomically(
            Path, [&](raw_ostream &OS) { OS << (*In)->getBuffer(); }))
      return createStringError(inconvertibleErrorCode(),
                               "cannot write '%s': %s", Path.c_str(),
                               toString(std::move(E)).c_str());
  }
  return Error::success();
}

} // namespace shutdown::driver
