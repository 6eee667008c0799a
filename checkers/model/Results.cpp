//===- Results.cpp - The driver's last result, for the editor -------------===//

#include "checkers/model/Results.h"
#include "checkers/model/NoLint.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <map>

using namespace llvm;

namespace shutdown {

namespace {

constexpr StringLiteral Format = "shutdown-hazards-findings";
} // namespace

static json::Array locJSON(const SourceLoc &L) {
  return json::Array{L.File, L.Line, L.Col};
}

static std::optional<SourceLoc> locFrom(const json::Value *V) {
  const json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A || A->size() < 3)
    return std::nullopt;
  std::optional<StringRef> File = (*A)[0].getAsString();
  std::optional<int64_t> Line = (*A)[1].getAsInteger();
  std::optional<int64_t> Col = (*A)[2].getAsInteger();
  if (!File || !Line || !Col || *Line <= 0 || *Col < 0)
    return std::nullopt;
  return SourceLoc{File->str(), unsigned(*Line), unsigned(*Col)};
}

static Error bad(StringRef Path, const Twine &Why) {
  return createStringError(inconvertibleErrorCode(), "%s: %s",
                           Path.str().c_str(), Why.str().c_str());
}

uint64_t resultsHash(StringRef Contents) { return xxh3_64bits(Contents); }

Error writeResults(StringRef Path, ArrayRef<Finding> Findings,
                   function_ref<std::optional<uint64_t>(StringRef)> Hash) {
  std::map<std::string, std::optional<uint64_t>> Hashes;
  std::map<std::string, size_t> Index;
  json::Array Out;
  for (const Finding &F : Findings) {
    std::vector<Note> Notes = notes(F);
    std::vector<SourceLoc> Places = suppressionPlaces(F);
    std::vector<std::string> Files;
    auto Touch = [&](const SourceLoc &L) {
      if (L.valid() && !is_contained(Files, L.File))
        Files.push_back(L.File);
    };
    Touch(F.Loc);
    for (const Note &N : Notes)
      Touch(N.Loc);
    for (const FindingStep &S : F.Steps)
      Touch(S.Loc);
    for (const SourceLoc &L : Places)
      Touch(L);
    bool Known = true;
    for (const std::string &File : Files) {
      auto [It, New] = Hashes.try_emplace(File);
      if (New)
        It->second = Hash(File);
      Known &= It->second.has_value();
    }
    if (!Known)
      continue;
    json::Array NoteList, PlaceList, FileList;
    for (const Note &N : Notes)
      NoteList.push_back(
          json::Array{N.Loc.File, N.Loc.Line, N.Loc.Col, N.Message});
    for (const SourceLoc &L : Places)
      PlaceList.push_back(locJSON(L));
    for (const std::string &File : Files)
      FileList.push_back(File);
    Out.push_back(json::Object{{"check", ruleName(F.Rule)},
                               {"id", findingId(F)},
                               {"message", F.Message},
                               {"chain", chainText(F)},
                               {"loc", locJSON(F.Loc)},
                               {"notes", std::move(NoteList)},
                               {"places", std::move(PlaceList)},
                               {"files", std::move(FileList)}});
  }
  json::Array FileHashes;
  for (const auto &[File, H] : Hashes)
    if (H)
      FileHashes.push_back(json::Array{File, utohexstr(*H, true, 16)});
  json::Object Top{{"format", Format},
                   {"version", ResultsVersion},
                   {"files", std::move(FileHashes)},
                   {"findings", std::move(Out)}};
  SmallString<256> Temp;
  int FD;
  if (std::error_code EC = sys::fs::createUniqueFile(Path + ".tmp-%%%%%%", FD,
                                                     Temp, sys::fs::OF_None))
    return createStringError(EC, "cannot write '%s': %s", Path.str().c_str(),
                             EC.message().c_str());
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << formatv("{0:2}", json::Value(std::move(Top))) << "\n";
    OS.close();
    if (OS.has_error()) {
      sys::fs::remove(Temp);
      return createStringError(OS.error(), "cannot write '%s': %s",
                               Path.str().c_str(),
                               OS.error().message().c_str());
    }
  }
  if (std::error_code EC = sys::fs::rename(Temp, Path)) {
    sys::fs::remove(Temp);
    return createStringError(EC, "cannot write '%s': %s", Path.str().c_str(),
                             EC.message().c_str());
  }
  return Error::success();
}

Expected<ProgramResults> readResults(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return bad(Path, Buffer.getError().message());
  Expected<json::Value> V = json::parse((*Buffer)->getBuffer());
  if (!V)
    return bad(Path, toString(V.takeError()));
  const json::Object *Top = V->getAsObject();
  if (!Top || Top->getString("format") != Format)
    return bad(Path, "not a shutdown-hazards findings file");
  if (Top->getInteger("version") != ResultsVersion)
    return bad(Path, "written by another version of shutdown-hazards; run "
                     "it again");
  ProgramResults R;
  if (const json::Array *Files = Top->getArray("files"))
    for (const json::Value &E : *Files) {
      const json::Array *A = E.getAsArray();
      uint64_t H;
      if (!A || A->size() != 2 || !(*A)[0].getAsString() ||
          !(*A)[1].getAsString() || !to_integer(*(*A)[1].getAsString(), H, 16))
        return bad(Path, "malformed 'files' entry");
      R.Hashes[*(*A)[0].getAsString()] = H;
    }
  const json::Array *Findings = Top->getArray("findings");
  if (!Findings)
    return bad(Path, "no 'findings'");
  for (const json::Value &E : *Findings) {
    const json::Object *O = E.getAsObject();
    if (!O)
      return bad(Path, "malformed finding");
    StoredFinding F;
    std::optional<RuleKind> Rule =
        ruleByName(O->getString("check").value_or(""));
    std::optional<SourceLoc> Loc = locFrom(O->get("loc"));
    // A check this build does not know (a newer driver) is left out.
    if (!Rule || !Loc)
      continue;
    F.Rule = *Rule;
    F.Loc = std::move(*Loc);
    F.Id = O->getString("id").value_or("").str();
    F.Message = O->getString("message").value_or("").str();
    F.Chain = O->getString("chain").value_or("").str();
    if (const json::Array *Notes = O->getArray("notes"))
      for (const json::Value &N : *Notes) {
        std::optional<SourceLoc> L = locFrom(&N);
        const json::Array *A = N.getAsArray();
        if (L && A->size() == 4 && (*A)[3].getAsString())
          F.Notes.push_back({std::move(*L), (*A)[3].getAsString()->str()});
      }
    if (const json::Array *Places = O->getArray("places"))
      for (const json::Value &P : *Places)
        if (std::optional<SourceLoc> L = locFrom(&P))
          F.Places.push_back(std::move(*L));
    if (const json::Array *Files = O->getArray("files"))
      for (const json::Value &P : *Files)
        if (std::optional<StringRef> S = P.getAsString())
          F.Files.push_back(S->str());
    R.Findings.push_back(std::move(F));
  }
  return R;
}

std::optional<std::string> findResults(StringRef File) {
  SmallString<256> Abs(File);
  sys::fs::make_absolute(Abs);
  for (StringRef Dir = sys::path::parent_path(Abs); !Dir.empty();
       Dir = sys::path::parent_path(Dir)) {
    for (StringRef Sub : {"", "build"}) {
      SmallString<256> P(Dir);
      sys::path::append(P, Sub, ResultsFileName);
      if (sys::fs::is_regular_file(P))
        return P.str().str();
    }
  }
  return std::nullopt;
}

} // namespace shutdown
