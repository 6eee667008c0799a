//===- SiteRule.cpp - A blocking site's finding ---------------------------===//

#include "checkers/model/rules/SiteRule.h"
#include "checkers/model/rules/Explain.h"
#include "llvm/Support/ErrorHandling.h"

namespace shutdown::rules {

/// The rule that owns a candidate.
static SiteRule ruleOf(const Candidate &C) {
  for (SiteRule R :
       {joinInDllMain(), waitThreadHandleInTeardown(), joinInTeardown()})
    if (R.Owns(C))
      return R;
  llvm_unreachable("a candidate no join rule owns");
}

static FindingRoot rootOf(const Candidate &C) {
  const RootFact &R = *C.Root;
  FindingRoot Out;
  Out.Kind = R.Kind;
  Out.Node = R.Function;
  Out.Name = R.Name;
  Out.Loc = R.Loc;
  Out.Registrar = R.Registrar;
  Out.InDll = R.InDll;
  Out.Reason = C.Reason;
  Out.Path = C.EntryPath;
  Out.Why = rootNote(R);
  return Out;
}

static FindingStep stepOf(const CallGraph &G, const Candidate &C,
                          const Step &St) {
  const CallEdge &E = *St.Edge;
  FindingStep Out;
  Out.Caller = E.Caller;
  Out.Callee = G.id(St.To).str();
  Out.CalleeName = G.nameOf(Out.Callee);
  Out.Loc = E.Loc;
  Out.Kind = E.Kind;
  Out.Via = E.Via;
  Out.Why = stepNote(G, *C.Root, St, &St == &C.Path.front());
  return Out;
}

Finding siteFinding(const CallGraph &G, const Candidate &C) {
  return siteFinding(G, C, ruleOf(C));
}

Finding siteFinding(const CallGraph &G, const Candidate &C,
                    const SiteRule &Rule) {
  const BlockingSite &S = *C.Site;
  Finding Out;
  Out.Rule = Rule.Rule;
  Out.Level = C.Level;
  Out.Loc = S.Loc;
  Out.Message = withStops(C, Rule.Message(C));
  Out.Root = rootOf(C);
  if (const ClassFact *CF = G.classFact(C.Root->Class))
    Out.Root.ClassLoc = CF->Loc;
  for (const Step &St : C.Path)
    Out.Steps.push_back(stepOf(G, C, St));
  Out.Site = {S.Callee.str(), S.TargetText.str(), S.Prim, S.Loc, C.Targets};
  if (const ThreadStart *T = G.startOf(C.Targets))
    Out.Waited =
        ThreadStartInfo{T->Loc, T->Creator.str(), T->RoutineName.str()};
  return Out;
}

} // namespace shutdown::rules
