//===- StringPool.h - The strings of facts, each kept once ------*- C++ -*-===//
//
// A program's facts name millions of functions, files and variables, most of
// them many times; a StringPool keeps each string once and numbers it, and a
// FactString is a view of a kept string. The link interns a fact file's
// strings a few hundred at a time (saveAll): the memory reads of one lookup
// (a table slot, then the string it holds) are started for all of them
// before any is compared, so that they overlap instead of waiting in turn.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_STRINGPOOL_H
#define SHUTDOWN_HAZARDS_MODEL_STRINGPOOL_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"
#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace shutdown {

/// A string of the facts: a view of text kept by the facts' StringPool (or
/// a literal). A program of millions of facts keeps each id, name and path
/// once, and a fact is a few words, cheap to make, copy and free. Only a
/// StringPool makes one from other text, so that a temporary std::string
/// cannot be stored by mistake and leave the view dangling.
class FactString : public llvm::StringRef {
public:
  constexpr FactString() = default;
  template <size_t N>
  constexpr FactString(const char (&Literal)[N]) : StringRef(Literal, N - 1) {}

private:
  friend class StringPool;
  explicit FactString(llvm::StringRef S) : StringRef(S) {}
};

/// Numbers strings, each once, in the order first inserted: an open
/// addressing table of (hash, number) slots beside the strings by number.
/// Lookups of many strings at once start the memory reads of all of them
/// (the slot, then the string it numbers, then its characters) before any
/// is compared, so that they overlap instead of waiting in turn.
template <typename StringT> class StringIndex {
public:
  size_t size() const { return Text.size(); }
  llvm::ArrayRef<StringT> strings() const { return Text; }

  /// Room for Count more strings without growing the table (growing moves
  /// the slots: do it before prefetch).
  void reserve(size_t Count) {
    size_t Needed = Text.size() + Count;
    // At most three slots in four used: probes stay short.
    if (Needed * 4 <= Slots.size() * 3)
      return;
    size_t Size = std::max<size_t>(Slots.size(), 64);
    while (Needed * 4 > Size * 3)
      Size *= 2;
    std::vector<Slot> Old(Size);
    Old.swap(Slots);
    for (const Slot &S : Old)
      if (S.NumberPlusOne)
        *emptySlot(S.Hash) = S;
  }
  /// Starts reading what looking up strings of these hashes will read.
  void prefetch(llvm::ArrayRef<uint32_t> Hashes) const {
    if (Slots.empty())
      return;
    size_t Mask = Slots.size() - 1;
    // Each step reads what the one before brought in.
    for (uint32_t H : Hashes)
      __builtin_prefetch(&Slots[H & Mask]);
    for (uint32_t H : Hashes)
      if (const Slot &At = Slots[H & Mask]; At.NumberPlusOne && At.Hash == H)
        __builtin_prefetch(&Text[At.NumberPlusOne - 1]);
    for (uint32_t H : Hashes)
      if (const Slot &At = Slots[H & Mask]; At.NumberPlusOne && At.Hash == H)
        __builtin_prefetch(Text[At.NumberPlusOne - 1].data());
  }
  /// S's number, and whether it is new; a new one is kept as Keep()
  /// makes it (text equal to S). The table must have room (reserve).
  template <typename KeepFn>
  std::pair<uint32_t, bool> insert(llvm::StringRef S, uint32_t Hash,
                                   KeepFn Keep) {
    size_t Mask = Slots.size() - 1;
    for (size_t I = Hash & Mask;; I = (I + 1) & Mask) {
      Slot &At = Slots[I];
      if (!At.NumberPlusOne) {
        Text.push_back(Keep());
        At = {Hash, static_cast<uint32_t>(Text.size())};
        return {At.NumberPlusOne - 1, true};
      }
      if (At.Hash == Hash && Text[At.NumberPlusOne - 1] == S)
        return {At.NumberPlusOne - 1, false};
    }
  }
  std::optional<uint32_t> find(llvm::StringRef S, uint32_t Hash) const {
    if (Slots.empty())
      return std::nullopt;
    size_t Mask = Slots.size() - 1;
    for (size_t I = Hash & Mask;; I = (I + 1) & Mask) {
      const Slot &At = Slots[I];
      if (!At.NumberPlusOne)
        return std::nullopt;
      if (At.Hash == Hash && Text[At.NumberPlusOne - 1] == S)
        return At.NumberPlusOne - 1;
    }
  }

private:
  struct Slot {
    uint32_t Hash = 0;
    uint32_t NumberPlusOne = 0; ///< 0: empty.
  };
  Slot *emptySlot(uint32_t Hash) {
    size_t Mask = Slots.size() - 1;
    size_t I = Hash & Mask;
    while (Slots[I].NumberPlusOne)
      I = (I + 1) & Mask;
    return &Slots[I];
  }

  std::vector<StringT> Text; ///< By number.
  /// Linear probing; a power of two in size.
  std::vector<Slot> Slots;
};

/// Keeps the strings of facts, each once, numbered in the order first
/// saved. Not thread-safe.
class StringPool {
public:
  /// The hash every lookup uses; computed ahead (on another thread, say),
  /// it is passed to save and saveAll.
  static uint32_t hash(llvm::StringRef S);

  FactString save(llvm::StringRef S) { return save(S, hash(S)).first; }
  /// save, with S's hash known; also S's number.
  std::pair<FactString, uint32_t> save(llvm::StringRef S, uint32_t Hash);
  /// Saves every string of Strings (Hashes: theirs, by index) and puts
  /// their numbers in Ids, as save would one by one.
  void saveAll(llvm::ArrayRef<llvm::StringRef> Strings,
               llvm::ArrayRef<uint32_t> Hashes,
               llvm::MutableArrayRef<uint32_t> Ids);
  /// The strings saved, by number.
  llvm::ArrayRef<FactString> strings() const { return Index.strings(); }

  /// The parts of S between separators, without copies: a part of a kept
  /// string is kept. No parts when S is empty.
  static std::vector<FactString> split(FactString S, char Separator);

  /// Lookups of this many strings (or rows) at once: saveAll, the call
  /// graph's numbering, the merger's rows. What one batch prefetches is
  /// still in the cache when it is read.
  static constexpr size_t Batch = 128;

private:
  /// save, where the table is known to have room.
  uint32_t insert(llvm::StringRef S, uint32_t Hash);

  llvm::BumpPtrAllocator Chars;
  StringIndex<FactString> Index;
};

} // namespace shutdown

#endif
