//===- Gate.cpp - Which findings a run reports, and which fail it ---------===//

#include "driver/gate/Gate.h"
#include "driver/gate/Suppressions.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

namespace shutdown::driver {

static raw_ostream &warning() {
  return WithColor::warning(errs(), "shutdown-hazards");
}

/// The names of the checks a run reports.
static std::vector<std::string> checkNames(ArrayRef<RuleKind> Rules) {
  std::vector<std::string> Names;
  if (!Rules.empty()) {
    for (RuleKind K : Rules)
      Names.push_back(ruleName(K).str());
    return Names;
  }
  for (const CheckInfo &C : checks())
    Names.push_back(C.Name.str());
  return Names;
}

/// The NOLINT comments and the intentional annotations, in the project's
/// files, that silence nothing.
static std::vector<UnusedSuppression>
unusedSuppressions(Suppressions &S, ArrayRef<UnusedAnnotation> Annotations,
                   StringRef Root, ArrayRef<UnitFiles> Units) {
  // Every file of the project the units read.
  for (const UnitFiles &U : Units) {
    S.scan(U.File, Root);
    S.scan(U.Deps, Root);
  }
  std::vector<UnusedSuppression> Unused = S.unused(Root);
  for (const UnusedAnnotation &A : Annotations)
    if (S.inProject(A.Loc.File, Root))
      Unused.push_back(
          {A.Loc, "[[clang::annotate(\"shutdown-hazards:intentional\")]] "
                  "on '" +
                      A.Name + "'"});
  llvm::sort(Unused,
             [](const UnusedSuppression &A, const UnusedSuppression &B) {
               return std::tie(A.Loc, A.Text) < std::tie(B.Loc, B.Text);
             });
  return Unused;
}

Expected<Gate> Gate::open(GateOptions Options, std::string Root) {
  Gate G;
  if (Options.BaselineStrict && Options.Baseline.empty())
    return createStringError(inconvertibleErrorCode(),
                             "--baseline-strict needs --baseline=<file>");
  if (!Options.Baseline.empty()) {
    Expected<Baseline> B = readBaseline(Options.Baseline);
    if (!B)
      return B.takeError();
    G.Accepted = std::move(*B);
  }
  if (!Options.WriteBaseline.empty()) {
    Expected<Output> O = Output::open(Options.WriteBaseline);
    if (!O)
      return O.takeError();
    G.BaselineOut.emplace(std::move(*O));
  }
  if (Options.ChangedFrom) {
    Expected<ChangedLines> C =
        ChangedLines::fromGit(Root, *Options.ChangedFrom);
    if (!C)
      return C.takeError();
    G.Changes = std::move(*C);
  }
  G.Options = std::move(Options);
  return G;
}

Error Gate::apply(Report &R, Hazards H, ArrayRef<RuleKind> Rules,
                  ArrayRef<UnitFiles> Units) {
  for (Finding &F : H.Findings) {
    std::string Id = findingId(F);
    R.Findings.push_back({std::move(F), std::move(Id)});
  }
  R.Owners = std::move(H.Owners);

  Suppressions S(checkNames(Rules));
  R.Suppressed = applySuppressions(R.Findings, S);
  if (Options.ReportUnusedSuppressions)
    R.UnusedSuppressions =
        unusedSuppressions(S, H.UnusedAnnotations, R.Root, Units);
  for (const SuppressionProblem &P : S.problems())
    warning() << P.Loc.File << ":" << P.Loc.Line << ": " << P.Message << "\n";
  for (const UnusedSuppression &U : R.UnusedSuppressions)
    warning() << U.Loc.File << ":" << U.Loc.Line << ": " << U.Text
              << " suppresses no finding\n";

  if (BaselineOut) {
    if (Error E = BaselineOut->write(baselineText(R.Findings)))
      return E;
    R.WroteBaseline = Options.WriteBaseline;
    R.BaselineEntries = R.Findings.size();
  }
  if (Accepted) {
    R.HasBaseline = true;
    for (const BaselineEntry &E : applyBaseline(*Accepted, R.Findings)) {
      (Options.BaselineStrict ? WithColor::error(errs(), "shutdown-hazards")
                              : warning())
          << Accepted->Path << ":" << E.Line
          << ": baseline entry matches no finding (fixed, or its chain "
             "changed): "
          << E.Text << "\n";
      R.StaleBaseline.push_back(E.Text);
    }
  }
  if (Changes) {
    R.ChangedFrom = *Options.ChangedFrom;
    R.OutsideChange = keepChanged(R.Findings, *Changes, Units);
  }
  return Error::success();
}

bool Gate::fails(const Report &R) const {
  // The baseline just written accepts every finding of the run.
  if (BaselineOut)
    return false;
  return R.newFindings() ||
         (Options.BaselineStrict && !R.StaleBaseline.empty());
}

} // namespace shutdown::driver
