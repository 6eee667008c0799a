//===- Rules.cpp - From teardown facts to findings ------------------------===//
//
// 1. Index the facts (rules/CallGraph): nodes, edges after dispatch, sites,
//    thread keys and handles closed under copies.
// 2. Ordinary code and its explicit stops (rules/OrdinaryCode).
// 3. From every teardown root, the search for blocking sites
//    (rules/TeardownSearch): the best candidate of each site, less the
//    safety nets, is a finding of the rule that owns it (rules/SiteRule).
// 4. The static objects that own threads (rules/ThreadOwners), and among
//    them the singleton rule's classes (rules/SingletonThreadWithoutUninit).
// 5. The calls forbidden under the loader lock, and the waits for a signal
//    at a DLL's process exit (rules/LoaderLock.h).
//
//===----------------------------------------------------------------------===//

#include "checkers/model/Rules.h"
#include "checkers/model/rules/CallGraph.h"
#include "checkers/model/rules/Instances.h"
#include "checkers/model/rules/LoaderLock.h"
#include "checkers/model/rules/OrdinaryCode.h"
#include "checkers/model/rules/SingletonThreadWithoutUninit.h"
#include "checkers/model/rules/SiteRule.h"
#include "checkers/model/rules/TeardownSearch.h"
#include "checkers/model/rules/ThreadOwners.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include <set>

using namespace llvm;

namespace shutdown {

/// FollowIntentional: also start from variables and go through classes
/// marked intentional (to find what their annotations silence).
static Hazards analyze(const TUFacts &F, AnalysisMode Mode,
                       bool FollowIntentional) {
  rules::CallGraph G(F, FollowIntentional);
  rules::Instances I(G);
  rules::OrdinaryCode Ordinary(G, I, Mode);
  auto Follows = [&](const RootFact &R) {
    return !R.Intentional || FollowIntentional;
  };
  rules::TeardownJoins Joins = rules::searchTeardown(G, I, Ordinary, Follows);
  Hazards H;
  for (const auto &[Site, C] : Joins.Best)
    H.Findings.push_back(rules::siteFinding(G, C));
  std::vector<rules::OwnedClass> Owned =
      rules::ownedClasses(G, I, Ordinary, Joins, Follows);
  append_range(H.Findings, rules::singletonFindings(G, Ordinary, Owned));
  append_range(H.Findings, rules::loaderLockCallFindings(G, Follows));
  append_range(H.Findings, rules::waitForSignalFindings(G, Follows));
  H.Owners = rules::threadOwners(G, Ordinary, Owned);
  llvm::sort(H.Findings, [](const Finding &A, const Finding &B) {
    return std::tie(A.Loc, A.Rule, A.Message) <
           std::tie(B.Loc, B.Rule, B.Message);
  });
  return H;
}

std::vector<Finding> findHazards(const TUFacts &Facts, AnalysisMode Mode) {
  return analyze(Facts, Mode, /*FollowIntentional=*/false).Findings;
}

Hazards analyzeHazards(const TUFacts &Facts, AnalysisMode Mode,
                       bool FindUnusedAnnotations) {
  Hazards H = analyze(Facts, Mode, /*FollowIntentional=*/false);
  if (!FindUnusedAnnotations || Facts.Annotations.empty())
    return H;
  // What the annotations silence: the findings of an analysis that ignores
  // them, less those of the real one. Each names, along its chain, the
  // variable it starts from and the classes it destroys; a singleton
  // finding, its class.
  auto Key = [](const Finding &X) {
    return std::make_tuple(X.Loc, X.Rule, X.Message);
  };
  std::set<decltype(Key(H.Findings.front()))> Reported;
  for (const Finding &X : H.Findings)
    Reported.insert(Key(X));
  StringSet<> Silencing;
  for (const Finding &X :
       analyze(Facts, Mode, /*FollowIntentional=*/true).Findings) {
    if (Reported.count(Key(X)))
      continue;
    std::vector<std::string> Chain = chainNodes(X);
    for (const std::string &N : Chain)
      Silencing.insert(N);
    if (X.Rule == RuleKind::SingletonThreadWithoutUninit)
      for (const RootFact &R : Facts.Roots)
        if (R.Intentional && is_contained(Chain, R.Class))
          Silencing.insert(R.Function);
  }
  StringSet<> Seen;
  for (const AnnotationFact &A : Facts.Annotations)
    if (!Silencing.count(A.Id) && Seen.insert(A.Id).second)
      H.UnusedAnnotations.push_back({A.Name.str(), A.Loc});
  return H;
}

} // namespace shutdown
