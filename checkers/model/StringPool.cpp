//===- StringPool.cpp - The strings of facts, each kept once --------------===//

#include "checkers/model/StringPool.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <cstring>

using namespace llvm;

namespace shutdown {

uint32_t StringPool::hash(StringRef S) {
  return static_cast<uint32_t>(xxh3_64bits(S));
}

uint32_t StringPool::insert(StringRef S, uint32_t Hash) {
  return Index
      .insert(S, Hash,
              [&] {
                // Kept with a terminating NUL, as StringMap keeps its keys.
                char *Kept = Chars.Allocate<char>(S.size() + 1);
                llvm::copy(S, Kept);
                Kept[S.size()] = '\0';
                return FactString(StringRef(Kept, S.size()));
              })
      .first;
}

std::pair<FactString, uint32_t> StringPool::save(StringRef S, uint32_t Hash) {
  Index.reserve(1);
  uint32_t Id = insert(S, Hash);
  return {strings()[Id], Id};
}

void StringPool::saveAll(ArrayRef<StringRef> Strings, ArrayRef<uint32_t> Hashes,
                         MutableArrayRef<uint32_t> Ids) {
  for (size_t Begin = 0; Begin < Strings.size(); Begin += Batch) {
    size_t N = std::min(Batch, Strings.size() - Begin);
    Index.reserve(N);
    Index.prefetch(Hashes.slice(Begin, N));
    for (size_t I = Begin; I < Begin + N; ++I)
      Ids[I] = insert(Strings[I], Hashes[I]);
  }
}

std::vector<FactString> StringPool::split(FactString S, char Separator) {
  std::vector<FactString> Parts;
  if (S.empty())
    return Parts;
  SmallVector<StringRef, 4> Pieces;
  S.split(Pieces, Separator);
  for (StringRef P : Pieces)
    Parts.push_back(FactString(P));
  return Parts;
}

} // namespace shutdown
