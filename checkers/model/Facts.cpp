//===- Facts.cpp - Fact ordering and JSON form ----------------------------===//

#include "checkers/model/Facts.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include <algorithm>
#ifdef __linux__
#include <sys/mman.h>
#endif

using namespace llvm;

namespace shutdown {

const CallPasses CallEdge::NoPasses;

// One key per fact type: what makes two facts the same, in a stable order.
static auto key(const CallEdge &E) {
  const CallPasses &P = E.passes();
  return std::tie(E.Caller, E.Loc, E.Callee, E.Kind, E.Via, E.Guarded,
                  E.Intentional, E.Reason, E.Path, P.Args, E.Receiver,
                  P.ObjectArgs, P.PathArgs, P.ParamConds);
}
static auto key(const OverrideFact &O) { return std::tie(O.Overrider, O.Base); }
static auto key(const RootFact &R) {
  return std::tie(R.Kind, R.Function, R.Loc, R.Name, R.Registrar, R.Class,
                  R.InDll, R.Intentional);
}
static auto key(const BlockingSite &S) {
  return std::tie(S.Function, S.Loc, S.Callee, S.Prim, S.Targets, S.Reason,
                  S.Path, S.TargetText, S.Guarded, S.KnownThreadHandle,
                  S.Receiver, S.TimeoutMs, S.InLoop, S.Then, S.ParamConds);
}
static auto key(const ThreadStart &T) {
  return std::tie(T.Target, T.Loc, T.Creator, T.Routine, T.RoutineName,
                  T.Handle, T.Function);
}
static auto key(const HandleCopy &C) { return std::tie(C.To, C.From); }
static auto key(const ThreadField &F) {
  return std::tie(F.Id, F.Class, F.Name, F.Loc, F.ThreadObject);
}
static auto key(const ClassFact &C) { return std::tie(C.Id, C.Name, C.Loc); }
static auto key(const AnnotationFact &A) {
  return std::tie(A.Id, A.Name, A.Loc);
}
static auto key(const ReturnFact &R) { return std::tie(R.Function, R.Object); }
static auto key(const LookupFact &L) { return std::tie(L.Name, L.Loc); }

// Keys cover every field, so equal keys mean equal facts and an unstable
// sort is still deterministic.

template <typename T> static void sortUnique(std::vector<T> &V) {
  std::sort(V.begin(), V.end(),
            [](const T &A, const T &B) { return key(A) < key(B); });
  V.erase(std::unique(V.begin(), V.end(),
                      [](const T &A, const T &B) { return key(A) == key(B); }),
          V.end());
}

/// Combines what two facts about one function say.
static void mergeFunction(FunctionFact &M, FunctionFact &F) {
  if (!M.Loc.valid() || (F.Loc.valid() && F.Loc < M.Loc)) {
    M.Loc = std::move(F.Loc);
    M.Name = std::move(F.Name);
  }
  if (M.Name.empty())
    M.Name = std::move(F.Name);
  M.External |= F.External;
  M.AddressTaken |= F.AddressTaken;
  M.IsMain |= F.IsMain;
  M.IsDllEntry |= F.IsDllEntry;
  M.IsDestructorAttr |= F.IsDestructorAttr;
  M.IsConstructorAttr |= F.IsConstructorAttr;
  M.Dependency |= F.Dependency;
  M.Exported |= F.Exported;
  M.ExternC |= F.ExternC;
}

std::string destructorName(StringRef QualifiedClass) {
  StringRef Last = QualifiedClass.rsplit("::").second;
  if (Last.empty())
    Last = QualifiedClass;
  return (QualifiedClass + "::~" + Last).str();
}

void TUFacts::normalize() {
  // One fact per function: a TU that only takes a function's address, or
  // sees its definition again, adds its flags to the first one.
  std::sort(Functions.begin(), Functions.end(),
            [](const FunctionFact &A, const FunctionFact &B) {
              return std::tie(A.Id, A.Loc, A.Name) <
                     std::tie(B.Id, B.Loc, B.Name);
            });
  std::vector<FunctionFact> Merged;
  for (FunctionFact &F : Functions) {
    if (Merged.empty() || Merged.back().Id != F.Id)
      Merged.push_back(std::move(F));
    else
      mergeFunction(Merged.back(), F);
  }
  Functions = std::move(Merged);
  sortUnique(Calls);
  sortUnique(Overrides);
  sortUnique(Roots);
  sortUnique(Sites);
  sortUnique(Starts);
  sortUnique(Copies);
  sortUnique(Fields);
  sortUnique(Classes);
  sortUnique(Annotations);
  sortUnique(Returns);
  sortUnique(Lookups);
}

// ---- The fact file -------------------------------------------------------
//
// A fact file is one JSON object: every string once in "strings", and each
// kind of fact as one flat array of integers, a fixed number per fact
// (string indices, numbers, flags). A translation unit repeats the facts of
// every header it includes, so a link reads millions of them: flat integer
// arrays parse several times faster than one JSON object per fact, and are
// a third of the size.
//
//   functions  id name file line col flags(external|addressTaken<<1|
//              main<<2|dllEntry<<3|dtorAttr<<4|ctorAttr<<5|dependency<<6|
//              exported<<7|externC<<8)
//   calls      caller callee file line col kind flags(guarded|intentional<<1)
//              via reason path args receiver objectArgs pathArgs paramConds
//   overrides  overrider base
//   roots      kind function name file line col registrar class
//              flags(inDll|intentional<<1)
//   sites      function file line col primitive callee targets targetText
//              guarded knownThreadHandle reason path receiver timeout
//              inLoop then paramConds
//   starts     target file line col creator routine routineName handle
//              function
//   copies     to from
//   fields     id class name file line col threadObject
//   classes    id name file line col
//   annotations id name file line col
//   returns    function object
//   lookups    name file line col
//
// Lists of ids (args, targets) are one string, joined by '\n' (ids never
// contain one). Enumerators are their numeric values; reason is stored +1,
// a timeout +2 (Untimed is 1, BoundedUnknown 0), capped at UINT32_MAX - 2
// milliseconds.

namespace {
constexpr char ListSeparator = '\n';
} // namespace

/// The tables of a fact file, in the order their strings are numbered: O
/// gets table(Name, Rows) for each, and Rows gives each fact's fields in
/// order through O.str, O.list and O.num. The one place that knows the
/// layout above.
template <typename Out> static void layoutTables(const TUFacts &F, Out &O) {
  auto Loc = [&](const FactLoc &L) {
    O.str(StringRef(L.File));
    O.num(L.Line);
    O.num(L.Col);
  };
  O.table("functions", [&] {
    for (const FunctionFact &Fn : F.Functions) {
      O.str(StringRef(Fn.Id));
      O.str(StringRef(Fn.Name));
      Loc(Fn.Loc);
      O.num(Fn.External | Fn.AddressTaken << 1 | Fn.IsMain << 2 |
            Fn.IsDllEntry << 3 | Fn.IsDestructorAttr << 4 |
            Fn.IsConstructorAttr << 5 | Fn.Dependency << 6 | Fn.Exported << 7 |
            Fn.ExternC << 8);
    }
  });
  O.table("calls", [&] {
    for (const CallEdge &E : F.Calls) {
      O.str(StringRef(E.Caller));
      O.str(StringRef(E.Callee));
      Loc(E.Loc);
      O.num(static_cast<int64_t>(E.Kind));
      O.num(E.Guarded | E.Intentional << 1);
      O.str(StringRef(E.Via));
      O.num(static_cast<int64_t>(E.Reason) + 1);
      O.num(static_cast<int64_t>(E.Path));
      O.list(E.passes().Args);
      O.str(StringRef(E.Receiver));
      O.list(E.passes().ObjectArgs);
      O.list(E.passes().PathArgs);
      O.list(E.passes().ParamConds);
    }
  });
  O.table("overrides", [&] {
    for (const OverrideFact &Ov : F.Overrides) {
      O.str(StringRef(Ov.Overrider));
      O.str(StringRef(Ov.Base));
    }
  });
  O.table("roots", [&] {
    for (const RootFact &R : F.Roots) {
      O.num(static_cast<int64_t>(R.Kind));
      O.str(StringRef(R.Function));
      O.str(StringRef(R.Name));
      Loc(R.Loc);
      O.str(StringRef(R.Registrar));
      O.str(StringRef(R.Class));
      O.num(R.InDll | R.Intentional << 1);
    }
  });
  O.table("sites", [&] {
    for (const BlockingSite &S : F.Sites) {
      O.str(StringRef(S.Function));
      Loc(S.Loc);
      O.num(static_cast<int64_t>(S.Prim));
      O.str(StringRef(S.Callee));
      O.list(S.Targets);
      O.str(StringRef(S.TargetText));
      O.num(S.Guarded);
      O.num(S.KnownThreadHandle);
      O.num(static_cast<int64_t>(S.Reason) + 1);
      O.num(static_cast<int64_t>(S.Path));
      O.str(StringRef(S.Receiver));
      O.num(std::min<int64_t>(S.TimeoutMs, UINT32_MAX - 2) + 2);
      O.num(S.InLoop);
      O.str(StringRef(S.Then));
      O.list(S.ParamConds);
    }
  });
  O.table("starts", [&] {
    for (const ThreadStart &T : F.Starts) {
      O.str(StringRef(T.Target));
      Loc(T.Loc);
      O.str(StringRef(T.Creator));
      O.str(StringRef(T.Routine));
      O.str(StringRef(T.RoutineName));
      O.num(T.Handle);
      O.str(StringRef(T.Function));
    }
  });
  O.table("copies", [&] {
    for (const HandleCopy &C : F.Copies) {
      O.str(StringRef(C.To));
      O.str(StringRef(C.From));
    }
  });
  O.table("fields", [&] {
    for (const ThreadField &T : F.Fields) {
      O.str(StringRef(T.Id));
      O.str(StringRef(T.Class));
      O.str(StringRef(T.Name));
      Loc(T.Loc);
      O.num(T.ThreadObject);
    }
  });
  O.table("classes", [&] {
    for (const ClassFact &C : F.Classes) {
      O.str(StringRef(C.Id));
      O.str(StringRef(C.Name));
      Loc(C.Loc);
    }
  });
  O.table("annotations", [&] {
    for (const AnnotationFact &A : F.Annotations) {
      O.str(StringRef(A.Id));
      O.str(StringRef(A.Name));
      Loc(A.Loc);
    }
  });
  O.table("returns", [&] {
    for (const ReturnFact &R : F.Returns) {
      O.str(StringRef(R.Function));
      O.str(StringRef(R.Object));
    }
  });
  O.table("lookups", [&] {
    for (const LookupFact &L : F.Lookups) {
      O.str(StringRef(L.Name));
      Loc(L.Loc);
    }
  });
}

/// A list of ids as the one string that stands for it.
template <typename List> static std::string joinedList(const List &L) {
  std::string S;
  bool First = true;
  for (const auto &E : L) {
    if (!First)
      S += ListSeparator;
    First = false;
    S += StringRef(E);
  }
  return S;
}

namespace {

/// The "strings" of a fact file: every string once, numbered in the order
/// the tables first use it ("" first). Each is kept once, as a key of Index.
class StringTable {
public:
  explicit StringTable(const TUFacts &F) {
    str("");
    layoutTables(F, *this);
  }

  template <typename Rows> void table(StringRef, Rows &&R) { R(); }
  void str(StringRef S) {
    auto [It, New] = Index.try_emplace(S, Strings.size());
    if (New)
      Strings.push_back(It->first());
  }
  template <typename List> void list(const List &L) { str(joinedList(L)); }
  void num(int64_t) {}

  int64_t indexOf(StringRef S) const { return Index.find(S)->second; }
  ArrayRef<StringRef> strings() const { return Strings; }

private:
  StringMap<int64_t> Index;
  std::vector<StringRef> Strings; ///< Keys of Index, by number.
};

/// Writes the one table named Name as a JSON array of integers.
class TableWriter {
public:
  TableWriter(json::OStream &J, const StringTable &Strings, StringRef Name)
      : J(J), Strings(Strings), Name(Name) {}

  template <typename Rows> void table(StringRef Table, Rows &&R) {
    if (Table == Name)
      J.array(R);
  }
  void str(StringRef S) { J.value(Strings.indexOf(S)); }
  template <typename List> void list(const List &L) { str(joinedList(L)); }
  void num(int64_t N) { J.value(N); }

private:
  json::OStream &J;
  const StringTable &Strings;
  StringRef Name;
};

/// Collects the names of the tables.
class TableNames {
public:
  template <typename Rows> void table(StringRef Name, Rows &&) {
    Names.push_back(Name);
  }
  void str(StringRef) {}
  template <typename List> void list(const List &) {}
  void num(int64_t) {}

  std::vector<StringRef> Names;
};

} // namespace

void writeFacts(raw_ostream &OS, const TUFacts &F) {
  StringTable Strings(F);
  TableNames Keys;
  layoutTables(F, Keys);
  Keys.Names.insert(Keys.Names.end(), {"version", "mainFile", "strings"});
  // The order in which json::Value prints an object's keys.
  llvm::sort(Keys.Names);
  json::OStream J(OS);
  J.object([&] {
    for (StringRef Key : Keys.Names) {
      if (Key == "version") {
        J.attribute(Key, FactsVersion);
      } else if (Key == "mainFile") {
        J.attribute(Key, StringRef(F.MainFile));
      } else if (Key == "strings") {
        J.attributeArray(Key, [&] {
          for (StringRef S : Strings.strings())
            J.value(S);
        });
      } else {
        J.attributeBegin(Key);
        TableWriter Table(J, Strings, Key);
        layoutTables(F, Table);
        J.attributeEnd();
      }
    }
  });
}

// ---- Reading and merging fact files ---------------------------------------
//
// A fact file is checked whole before any of it is merged. Its strings are
// interned once; each record becomes a row of integers (string ids and
// values), and a row seen before, from any unit, is dropped before any of
// its strings is copied: that is what makes a link of thousands of units
// that share headers cheap.

namespace {

constexpr int64_t Str = -1; ///< A field that is an index into "strings".
constexpr int64_t U32 = UINT32_MAX;

struct TableSchema {
  StringRef Name;
  std::vector<int64_t> Fields; ///< Str, or the largest value allowed.
};

// In the order of the writer above; the index is the table's number.
const TableSchema Schemas[] = {
    {"functions", {Str, Str, Str, U32, U32, 511}},
    {"calls",
     {Str, Str, Str, U32, U32, 3, 3, Str, 4, 2, Str, Str, Str, Str, Str}},
    {"overrides", {Str, Str}},
    {"roots", {7, Str, Str, Str, U32, U32, Str, Str, 3}},
    {"sites",
     {Str, Str, U32, U32, 5, Str, Str, Str, 1, 1, 4, 2, Str, U32, 1, Str, Str}},
    {"starts", {Str, Str, U32, U32, Str, Str, Str, 1, Str}},
    {"copies", {Str, Str}},
    {"fields", {Str, Str, Str, Str, U32, U32, 1}},
    {"classes", {Str, Str, Str, U32, U32}},
    {"annotations", {Str, Str, Str, U32, U32}},
    {"returns", {Str, Str}},
    {"lookups", {Str, Str, U32, U32}},
};
enum Table {
  Functions,
  Calls,
  Overrides,
  Roots,
  Sites,
  Starts,
  Copies,
  Fields,
  Classes,
  Annotations,
  Returns,
  Lookups,
  NumTables
};

/// Reads one row of a table, field by field, as the writer wrote it.
class Row {
public:
  Row(ArrayRef<uint32_t> Values, ArrayRef<FactString> Text)
      : Values(Values), Text(Text) {}
  uint32_t num() { return Values[Next++]; }
  bool flag() { return num(); }
  FactString str() { return Text[num()]; }
  FactList list() { return StringPool::split(str(), ListSeparator); }
  FactLoc loc() {
    FactLoc L;
    L.File = str();
    L.Line = num();
    L.Col = num();
    return L;
  }
  template <typename E> E enumerator(int Bias = 0) {
    return static_cast<E>(static_cast<int>(num()) - Bias);
  }

private:
  ArrayRef<uint32_t> Values;
  ArrayRef<FactString> Text;
  size_t Next = 0;
};

} // namespace

static FunctionFact functionFrom(Row R) {
  FunctionFact Fn;
  Fn.Id = R.str();
  Fn.Name = R.str();
  Fn.Loc = R.loc();
  uint32_t Flags = R.num();
  Fn.External = Flags & 1;
  Fn.AddressTaken = Flags & 2;
  Fn.IsMain = Flags & 4;
  Fn.IsDllEntry = Flags & 8;
  Fn.IsDestructorAttr = Flags & 16;
  Fn.IsConstructorAttr = Flags & 32;
  Fn.Dependency = Flags & 64;
  Fn.Exported = Flags & 128;
  Fn.ExternC = Flags & 256;
  return Fn;
}

static RootFact rootFrom(Row R) {
  RootFact Rt;
  Rt.Kind = R.enumerator<RootKind>();
  Rt.Function = R.str();
  Rt.Name = R.str();
  Rt.Loc = R.loc();
  Rt.Registrar = R.str();
  Rt.Class = R.str();
  uint32_t Flags = R.num();
  Rt.InDll = Flags & 1;
  Rt.Intentional = Flags & 2;
  return Rt;
}

/// The fact a row of a table stands for (functions and roots: above).
static void factFrom(CallEdge &C, Row R) {
  C.Caller = R.str();
  C.Callee = R.str();
  C.Loc = R.loc();
  C.Kind = R.enumerator<EdgeKind>();
  uint32_t Flags = R.num();
  C.Guarded = Flags & 1;
  C.Intentional = Flags & 2;
  C.Via = R.str();
  C.Reason = R.enumerator<DllReason>(1);
  C.Path = R.enumerator<DllPath>();
  CallPasses P;
  P.Args = R.list();
  C.Receiver = R.str();
  P.ObjectArgs = R.list();
  P.PathArgs = R.list();
  P.ParamConds = R.list();
  C.setPasses(std::move(P));
}

static void factFrom(OverrideFact &O, Row R) {
  O.Overrider = R.str();
  O.Base = R.str();
}

static void factFrom(BlockingSite &S, Row R) {
  S.Function = R.str();
  S.Loc = R.loc();
  S.Prim = R.enumerator<Primitive>();
  S.Callee = R.str();
  S.Targets = R.list();
  S.TargetText = R.str();
  S.Guarded = R.flag();
  S.KnownThreadHandle = R.flag();
  S.Reason = R.enumerator<DllReason>(1);
  S.Path = R.enumerator<DllPath>();
  S.Receiver = R.str();
  S.TimeoutMs = static_cast<int64_t>(R.num()) - 2;
  S.InLoop = R.flag();
  S.Then = R.str();
  S.ParamConds = R.list();
}

static void factFrom(ThreadStart &T, Row R) {
  T.Target = R.str();
  T.Loc = R.loc();
  T.Creator = R.str();
  T.Routine = R.str();
  T.RoutineName = R.str();
  T.Handle = R.flag();
  T.Function = R.str();
}

static void factFrom(HandleCopy &C, Row R) {
  C.To = R.str();
  C.From = R.str();
}

static void factFrom(ThreadField &T, Row R) {
  T.Id = R.str();
  T.Class = R.str();
  T.Name = R.str();
  T.Loc = R.loc();
  T.ThreadObject = R.flag();
}

static void factFrom(ClassFact &C, Row R) {
  C.Id = R.str();
  C.Name = R.str();
  C.Loc = R.loc();
}

static void factFrom(AnnotationFact &A, Row R) {
  A.Id = R.str();
  A.Name = R.str();
  A.Loc = R.loc();
}

static void factFrom(ReturnFact &Rt, Row R) {
  Rt.Function = R.str();
  Rt.Object = R.str();
}

static void factFrom(LookupFact &L, Row R) {
  L.Name = R.str();
  L.Loc = R.loc();
}

static void factFrom(FunctionFact &Fn, Row R) { Fn = functionFrom(R); }
static void factFrom(RootFact &Rt, Row R) { Rt = rootFrom(R); }

namespace {

/// The rows of one table, each once, in the order first seen: an open
/// addressing hash set over rows kept end to end in blocks that never move
/// (a row's hash comes with it, PreparedFacts::RowHashes).
class RowTable {
public:
  explicit RowTable(unsigned Width) : Width(Width) {}

  /// Room for Count more rows without growing the index; then starts
  /// reading what inserting rows of these hashes will read (the slot, then
  /// the row it holds), so that those reads overlap.
  void prepareFor(ArrayRef<uint32_t> Hashes) {
    if ((Count + Hashes.size()) * 2 > Slots.size())
      grow(Count + Hashes.size());
    size_t Mask = Slots.size() - 1;
    for (uint32_t H : Hashes)
      __builtin_prefetch(&Slots[H & Mask]);
    for (uint32_t H : Hashes)
      if (const Slot &S = Slots[H & Mask]; S.IndexPlusOne && S.Hash == H)
        __builtin_prefetch(row(S.IndexPlusOne - 1).data());
  }
  /// The row's index, and whether it was new (and appended).
  std::pair<uint32_t, bool> insert(ArrayRef<uint32_t> Row, uint32_t Hash) {
    if ((Count + 1) * 2 > Slots.size())
      grow(Count + 1);
    size_t Mask = Slots.size() - 1;
    for (size_t I = Hash & Mask;; I = (I + 1) & Mask) {
      Slot &S = Slots[I];
      if (!S.IndexPlusOne) {
        S = {Hash, Count + 1};
        return {append(Row), true};
      }
      if (S.Hash == Hash && row(S.IndexPlusOne - 1) == Row)
        return {S.IndexPlusOne - 1, false};
    }
  }
  /// Appends a row known to be new, without indexing it.
  uint32_t append(ArrayRef<uint32_t> Row) {
    if (Count % BlockRows == 0)
      Blocks.emplace_back(new uint32_t[size_t(BlockRows) * Width]);
    llvm::copy(Row, row(Count).begin());
    return Count++;
  }
  size_t size() const { return Count; }
  ArrayRef<uint32_t> row(size_t I) const {
    return ArrayRef(Blocks[I / BlockRows].get() + I % BlockRows * Width, Width);
  }
  MutableArrayRef<uint32_t> row(size_t I) {
    return MutableArrayRef(Blocks[I / BlockRows].get() + I % BlockRows * Width,
                           Width);
  }

private:
  struct Slot {
    uint32_t Hash = 0;
    uint32_t IndexPlusOne = 0; ///< 0: empty.
  };
  /// An index of at least twice Rows slots.
  void grow(size_t Rows) {
    size_t Size = std::max<size_t>(64, Slots.size());
    while (Rows * 2 > Size)
      Size *= 2;
    std::vector<Slot> Old(Size);
    Old.swap(Slots);
    size_t Mask = Slots.size() - 1;
    for (const Slot &S : Old) {
      if (!S.IndexPlusOne)
        continue;
      size_t I = S.Hash & Mask;
      while (Slots[I].IndexPlusOne)
        I = (I + 1) & Mask;
      Slots[I] = S;
    }
  }

  /// Rows per block: growing copies no row.
  static constexpr uint32_t BlockRows = 1 << 14;
  unsigned Width;
  uint32_t Count = 0;
  std::vector<std::unique_ptr<uint32_t[]>> Blocks;
  std::vector<Slot> Slots;
};

} // namespace

struct FactMerger::State {
  /// Interned strings, kept for the merged facts.
  std::shared_ptr<StringPool> Pool = std::make_shared<StringPool>();
  /// Rows of every table; functions once by id (FunctionAt), the others
  /// once by every field.
  std::vector<RowTable> Tables;
  /// By id string's number: its function's row, or NoRow.
  std::vector<uint32_t> FunctionAt;
  static constexpr uint32_t NoRow = UINT32_MAX;
  /// The function rows merged into a function's row after its first.
  RowTable FunctionsMerged{
      static_cast<unsigned>(Schemas[Functions].Fields.size())};

  State() {
    for (const TableSchema &Schema : Schemas)
      Tables.emplace_back(Schema.Fields.size());
  }

  /// What the second row of a function says, added to the first:
  /// mergeFunction on rows (id name file line col flags).
  void mergeFunctionRow(MutableArrayRef<uint32_t> M, ArrayRef<uint32_t> F) {
    ArrayRef<FactString> Text = Pool->strings();
    auto Valid = [&](ArrayRef<uint32_t> R) {
      return !Text[R[2]].empty() && R[3] != 0;
    };
    auto Before = [&](ArrayRef<uint32_t> A, ArrayRef<uint32_t> B) {
      if (A[2] != B[2])
        return Text[A[2]] < Text[B[2]];
      return std::tie(A[3], A[4]) < std::tie(B[3], B[4]);
    };
    if (!Valid(M) || (Valid(F) && Before(F, M))) {
      M[1] = F[1];
      M[2] = F[2];
      M[3] = F[3];
      M[4] = F[4];
    }
    if (Text[M[1]].empty())
      M[1] = F[1];
    M[5] |= F[5];
  }
};

FactMerger::FactMerger() : S(std::make_unique<State>()) {}
FactMerger::~FactMerger() = default;

/// A fact file's JSON value as RawFacts.
static RawFacts rawFacts(const json::Value &V) {
  RawFacts R;
  R.Tables.resize(NumTables);
  const json::Object *O = V.getAsObject();
  if (!O)
    return R;
  R.Version = O->getInteger("version");
  if (std::optional<StringRef> Main = O->getString("mainFile"))
    R.MainFile = Main->str();
  if (const json::Array *A = O->getArray("strings")) {
    R.Strings.emplace();
    for (const json::Value &Str : *A)
      if (std::optional<StringRef> Text = Str.getAsString())
        R.Strings->push_back(StringRef(R.Owned.emplace_back(Text->str())));
      else
        R.Strings->push_back(std::nullopt);
  }
  for (int T = 0; T < NumTables; ++T)
    if (const json::Array *A = O->getArray(Schemas[T].Name)) {
      auto &Out = R.Tables[T].emplace();
      Out.reserve(A->size());
      for (const json::Value &N : *A)
        Out.push_back(N.getAsInteger().value_or(-1));
    }
  return R;
}

namespace {

/// The reader of readRawFacts: JSON's grammar, for objects of integers,
/// strings and flat arrays of either only.
class FastReader {
public:
  explicit FastReader(StringRef Text) : P(Text.begin()), End(Text.end()) {}

  std::optional<RawFacts> read() {
    Facts.Tables.resize(NumTables);
    if (!list('{', '}', [&] { return member(); }))
      return std::nullopt;
    space();
    if (P != End)
      return std::nullopt;
    return std::move(Facts);
  }

private:
  /// Open, the items separated by commas (none is fine), Close.
  template <typename ItemFn> bool list(char Open, char Close, ItemFn Item) {
    if (!eat(Open))
      return false;
    if (eat(Close))
      return true;
    do {
      if (!Item())
        return false;
    } while (eat(','));
    return eat(Close);
  }

  /// One key of the fact file and its value; a key twice is not plain.
  bool member() {
    StringRef Key;
    if (!string(Key) || !eat(':'))
      return false;
    if (Key == "version") {
      int64_t N;
      if (Facts.Version || !integer(N))
        return false;
      Facts.Version = N;
      return true;
    }
    if (Key == "mainFile") {
      StringRef Main;
      if (Facts.MainFile || !string(Main))
        return false;
      Facts.MainFile = Main.str();
      return true;
    }
    if (Key == "strings") {
      if (Facts.Strings)
        return false;
      auto &Out = Facts.Strings.emplace();
      return list('[', ']',
                  [&] { return string(Out.emplace_back().emplace()); });
    }
    const auto *It = llvm::find_if(
        Schemas, [&](const TableSchema &S) { return S.Name == Key; });
    if (It == std::end(Schemas))
      return false; // Not ours to read: JSON will.
    auto &Table = Facts.Tables[It - std::begin(Schemas)];
    if (Table)
      return false;
    auto &Out = Table.emplace();
    return list('[', ']', [&] {
      int64_t N;
      if (!integer(N))
        return false;
      Out.push_back(N);
      return true;
    });
  }

  void space() {
    while (P != End && (*P == ' ' || *P == '\n' || *P == '\t' || *P == '\r'))
      ++P;
  }
  bool eat(char C) {
    space();
    if (P == End || *P != C)
      return false;
    ++P;
    return true;
  }
  /// A JSON integer, as json::parse reads one into int64_t.
  bool integer(int64_t &N) {
    space();
    const char *Start = P;
    if (P != End && *P == '-')
      ++P;
    if (P == End || !isDigit(*P) ||
        (*P == '0' && P + 1 != End && isDigit(P[1])))
      return false;
    uint64_t V = 0;
    for (; P != End && isDigit(*P); ++P) {
      if (V > (uint64_t(INT64_MAX) - (*P - '0')) / 10)
        return false; // Out of int64_t: let JSON say what it is.
      V = V * 10 + (*P - '0');
    }
    if (P != End && (*P == '.' || *P == 'e' || *P == 'E'))
      return false;
    N = *Start == '-' ? -static_cast<int64_t>(V) : static_cast<int64_t>(V);
    return true;
  }
  /// A string without \u escapes (the extractor writes UTF-8 as is): in
  /// place, or copied to the result's own strings when it has escapes.
  bool string(StringRef &Result) {
    if (!eat('"'))
      return false;
    const char *Begin = P;
    while (P != End && *P != '"' && *P != '\\' &&
           static_cast<unsigned char>(*P) >= 0x20)
      ++P;
    if (P != End && *P == '"') {
      Result = StringRef(Begin, P - Begin);
      ++P;
      return json::isUTF8(Result); // Invalid UTF-8: JSON reports it.
    }
    P = Begin;
    std::string &Copy = Facts.Owned.emplace_back();
    if (!unescape(Copy))
      return false;
    Result = Copy;
    return true;
  }
  bool unescape(std::string &Out) {
    const char *Run = P;
    while (P != End && *P != '"') {
      unsigned char C = *P;
      if (C < 0x20)
        return false;
      if (C != '\\') {
        ++P;
        continue;
      }
      Out.append(Run, P);
      if (++P == End)
        return false;
      switch (*P) {
      case '"':
        Out += '"';
        break;
      case '\\':
        Out += '\\';
        break;
      case '/':
        Out += '/';
        break;
      case 'b':
        Out += '\b';
        break;
      case 'f':
        Out += '\f';
        break;
      case 'n':
        Out += '\n';
        break;
      case 'r':
        Out += '\r';
        break;
      case 't':
        Out += '\t';
        break;
      default:
        return false; // \u and anything else: JSON reads it.
      }
      Run = ++P;
    }
    if (P == End)
      return false;
    Out.append(Run, P);
    ++P;
    // Invalid UTF-8: JSON reports it.
    return json::isUTF8(Out);
  }

  const char *P, *End;
  RawFacts Facts; ///< What read() fills.
};

} // namespace

Expected<RawFacts> readFactFile(std::unique_ptr<MemoryBuffer> File,
                                size_t Offset) {
  StringRef Text = File->getBuffer().drop_front(Offset);
  if (std::optional<RawFacts> R = FastReader(Text).read()) {
    R->Text = std::move(File);
    return std::move(*R);
  }
  Expected<json::Value> V = json::parse(Text);
  if (!V)
    return V.takeError();
  return rawFacts(*V);
}

/// Mixes one field into a row's hash.
static uint64_t mix(uint64_t H, uint64_t V) {
  H ^= V + 0x9e3779b97f4a7c15ULL + (H << 6) + (H >> 2);
  return H;
}

/// The row hash's last step: every bit of H moves the low 32.
static uint32_t finish(uint64_t H) {
  H ^= H >> 33;
  H *= 0xff51afd7ed558ccdULL;
  H ^= H >> 33;
  H *= 0xc4ceb9fe1a85ec53ULL;
  H ^= H >> 33;
  return static_cast<uint32_t>(H);
}

Expected<PreparedFacts> FactMerger::prepare(RawFacts F) {
  if (!F.Version)
    return createStringError("not a fact file");
  if (*F.Version != FactsVersion)
    return createStringError("fact format version " +
                             std::to_string(*F.Version) + ", expected " +
                             std::to_string(FactsVersion));
  if (!F.MainFile || !F.Strings)
    return createStringError("fact file: no \"mainFile\" or \"strings\"");
  const auto &Strings = *F.Strings;
  // Check everything first: a bad file adds nothing.
  for (const std::optional<StringRef> &Str : Strings)
    if (!Str)
      return createStringError("fact file: \"strings\" holds a non-string");
  for (int T = 0; T < NumTables; ++T) {
    const TableSchema &Schema = Schemas[T];
    const std::optional<std::vector<int64_t>> &A = F.Tables[T];
    size_t Width = Schema.Fields.size();
    if (!A || A->size() % Width)
      return createStringError(
          "fact file: \"%s\" is not an array of %zu-integer records",
          Schema.Name.str().c_str(), Width);
    for (size_t I = 0; I < A->size(); ++I) {
      int64_t N = (*A)[I];
      int64_t Max = Schema.Fields[I % Width];
      if (Max == Str)
        Max = static_cast<int64_t>(Strings.size()) - 1;
      if (N < 0 || N > Max)
        return createStringError(
            "fact file: \"%s\" record %zu: field %zu is out of range",
            Schema.Name.str().c_str(), I / Width, I % Width);
    }
  }
  PreparedFacts P;
  P.Strings.reserve(Strings.size());
  P.StringHashes.reserve(Strings.size());
  for (const std::optional<StringRef> &Str : Strings) {
    P.Strings.push_back(*Str);
    P.StringHashes.push_back(StringPool::hash(*Str));
  }
  P.Rows.resize(NumTables);
  P.RowHashes.resize(NumTables);
  for (int T = 0; T < NumTables; ++T) {
    const std::vector<int64_t> &Fields = Schemas[T].Fields;
    const std::vector<int64_t> &A = *F.Tables[T];
    P.Rows[T].assign(A.begin(), A.end());
    P.RowHashes[T].reserve(A.size() / Fields.size());
    for (size_t I = 0; I < A.size(); I += Fields.size()) {
      uint64_t H = T;
      for (size_t K = 0; K < Fields.size(); ++K) {
        auto N = static_cast<uint32_t>(A[I + K]);
        H = mix(H, Fields[K] == Str ? P.StringHashes[N] : N);
      }
      P.RowHashes[T].push_back(finish(H));
    }
  }
  // What add() reads is in P now; Raw keeps the text they view.
  F.Tables.clear();
  F.Strings.reset();
  P.Raw = std::move(F);
  return std::move(P);
}

Error FactMerger::add(RawFacts F) {
  Expected<PreparedFacts> P = prepare(std::move(F));
  if (!P)
    return P.takeError();
  add(*P);
  return Error::success();
}

void FactMerger::add(const PreparedFacts &F) {
  const std::string &Main = *F.Raw.MainFile;
  MainFile = Units.empty() ? Main : ""; // Many: none.
  uint32_t UnitIndex = Units.size();
  Units.push_back({Main, false});

  std::vector<uint32_t> Local(F.Strings.size());
  S->Pool->saveAll(F.Strings, F.StringHashes, Local);
  S->FunctionAt.resize(S->Pool->strings().size(), State::NoRow);
  SmallVector<uint32_t, 16> Row;
  for (int T = 0; T < NumTables; ++T) {
    const std::vector<int64_t> &Fields = Schemas[T].Fields;
    const std::vector<uint32_t> &A = F.Rows[T];
    RowTable &Merged = S->Tables[T];
    ArrayRef<uint32_t> Hashes = F.RowHashes[T];
    for (size_t I = 0, R = 0; I < A.size(); I += Fields.size(), ++R) {
      // A batch of rows prefetched at a time (functions are found by id).
      if (R % StringPool::Batch == 0 && T != Functions)
        Merged.prepareFor(Hashes.slice(R).take_front(StringPool::Batch));
      Row.clear();
      for (size_t K = 0; K < Fields.size(); ++K)
        Row.push_back(Fields[K] == Str ? Local[A[I + K]] : A[I + K]);
      uint32_t Hash = Hashes[R];
      switch (static_cast<Table>(T)) {
      case Functions: {
        uint32_t &At = S->FunctionAt[Row[0]];
        if (At == State::NoRow)
          At = Merged.append(Row);
        else if (S->FunctionsMerged.insert(Row, Hash).second)
          S->mergeFunctionRow(Merged.row(At), Row);
        break;
      }
      case Roots: {
        if (Row[0] == static_cast<uint32_t>(RootKind::DllEntry))
          Units.back().DefinesDllEntry = true;
        auto [At, New] = Merged.insert(Row, Hash);
        if (New)
          RootUnits.emplace_back();
        if (RootUnits[At].empty() || RootUnits[At].back() != UnitIndex)
          RootUnits[At].push_back(UnitIndex);
        break;
      }
      default:
        Merged.insert(Row, Hash);
      }
    }
  }
}

/// Out sized for Count facts. A table of millions of facts is a gigabyte of
/// fresh pages, which the kernel zeroes on first touch: the pool's threads
/// fault them in side by side (MADV_POPULATE_WRITE) before this one makes
/// the facts in them.
template <typename T>
static void sizeFor(std::vector<T> &Out, size_t Count,
                    ThreadPoolInterface *Pool, unsigned Parallel) {
  Out.reserve(Count);
#ifdef MADV_POPULATE_WRITE
  const uintptr_t Page = sys::Process::getPageSizeEstimate();
  auto Begin = alignTo(reinterpret_cast<uintptr_t>(Out.data()), Page);
  auto End = alignDown(reinterpret_cast<uintptr_t>(Out.data() + Count), Page);
  if (Pool && End > Begin + 64 * Page) {
    ThreadPoolTaskGroup Group(*Pool);
    uintptr_t Chunk = alignTo((End - Begin) / (4 * Parallel), Page);
    for (uintptr_t At = Begin; At < End; At += Chunk)
      Group.async([At, Length = std::min(Chunk, End - At)] {
        // Only a hint: without it, the first touch faults them in.
        (void)madvise(reinterpret_cast<void *>(At), Length,
                      MADV_POPULATE_WRITE);
      });
    Group.wait();
  }
#endif
  Out.resize(Count);
}

/// Out[I] is the fact of row I of Rows, made on the pool's threads, or on
/// this one without a pool.
template <typename T>
static void factsFrom(std::vector<T> &Out, const RowTable &Rows,
                      ArrayRef<FactString> Text, ThreadPoolInterface *Pool,
                      unsigned Parallel) {
  sizeFor(Out, Rows.size(), Pool, Parallel);
  auto Make = [&Out, &Rows, Text](size_t Begin, size_t End) {
    for (size_t I = Begin; I < End; ++I)
      factFrom(Out[I], Row(Rows.row(I), Text));
  };
  if (!Pool)
    return Make(0, Rows.size());
  size_t Chunk = (Rows.size() + Parallel - 1) / Parallel;
  for (size_t Begin = 0; Begin < Rows.size(); Begin += Chunk)
    Pool->async([Make, Begin, End = std::min(Rows.size(), Begin + Chunk)] {
      Make(Begin, End);
    });
}

TUFacts FactMerger::take(unsigned Parallel) {
  TUFacts Out;
  Out.MainFile = std::move(MainFile);
  const std::vector<RowTable> &T = S->Tables;
  size_t Rows = 0;
  for (const RowTable &Table : T)
    Rows += Table.size();
  // Threads cost more than they save on a small program.
  std::optional<DefaultThreadPool> Pool;
  if (Parallel > 1 && Rows >= 100000)
    Pool.emplace(hardware_concurrency(Parallel));
  ThreadPoolInterface *On = Pool ? &*Pool : nullptr;
  Out.Strings = S->Pool;
  ArrayRef<FactString> Text = S->Pool->strings();
  factsFrom(Out.Functions, T[Functions], Text, On, Parallel);
  factsFrom(Out.Calls, T[Calls], Text, On, Parallel);
  factsFrom(Out.Overrides, T[Overrides], Text, On, Parallel);
  factsFrom(Out.Roots, T[Roots], Text, On, Parallel);
  factsFrom(Out.Sites, T[Sites], Text, On, Parallel);
  factsFrom(Out.Starts, T[Starts], Text, On, Parallel);
  factsFrom(Out.Copies, T[Copies], Text, On, Parallel);
  factsFrom(Out.Fields, T[Fields], Text, On, Parallel);
  factsFrom(Out.Classes, T[Classes], Text, On, Parallel);
  factsFrom(Out.Annotations, T[Annotations], Text, On, Parallel);
  factsFrom(Out.Returns, T[Returns], Text, On, Parallel);
  factsFrom(Out.Lookups, T[Lookups], Text, On, Parallel);
  if (Pool)
    Pool->wait();
  MainFile.clear();
  S = std::make_unique<State>();
  Units.clear();
  RootUnits.clear();
  return Out;
}

} // namespace shutdown
