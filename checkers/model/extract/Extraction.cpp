//===- Extraction.cpp - Names, ids and types for the extraction -----------===//

#include "checkers/model/extract/Extraction.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace llvm;

namespace shutdown::extract {

std::string qualifiedName(const NamedDecl *D) {
  if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(D))
    return destructorName(qualifiedName(Dtor->getParent()));
  SmallVector<StringRef, 4> Parts;
  for (const DeclContext *C = D->getDeclContext(); C; C = C->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(C)) {
      if (!NS->isInline() && !NS->isAnonymousNamespace())
        Parts.push_back(NS->getName());
    } else if (const auto *R = dyn_cast<RecordDecl>(C)) {
      if (R->getIdentifier())
        Parts.push_back(R->getName());
    } else if (const auto *F = dyn_cast<FunctionDecl>(C)) {
      if (F->getIdentifier())
        Parts.push_back(F->getName());
    }
  }
  std::string S;
  for (StringRef P : llvm::reverse(Parts))
    (S += P) += "::";
  return S + D->getNameAsString();
}

StringRef simpleName(const NamedDecl *D) {
  return D && D->getIdentifier() ? D->getName() : StringRef();
}

const Expr *strip(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *W = dyn_cast<ExprWithCleanups>(E))
      E = W->getSubExpr();
    else if (const auto *U = dyn_cast<UnaryOperator>(E);
             U && (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Plus ||
                   U->getOpcode() == UO_Deref))
      E = U->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->getNumArgs() == 1 &&
             (C->getConstructor()->isCopyOrMoveConstructor() ||
              C->getConstructor()->isConvertingConstructor(false)))
      E = C->getArg(0);
    else
      return E;
  }
  return E;
}

void typeArgs(ArrayRef<TemplateArgument> Args, SmallVectorImpl<QualType> &Out) {
  for (const TemplateArgument &A : Args) {
    if (A.getKind() == TemplateArgument::Type)
      Out.push_back(A.getAsType());
    else if (A.getKind() == TemplateArgument::Pack)
      typeArgs(A.pack_elements(), Out);
  }
}

bool isNull(const Expr *E, ASTContext &Ctx) {
  return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
         Expr::NPCK_NotNull;
}

Extraction::Extraction(ASTContext &Ctx, const ModelOptions &Opts)
    : Ctx(Ctx), SM(Ctx.getSourceManager()), Opts(Opts), Apis(fixedApis()),
      Policy(Ctx.getLangOpts()) {
  Policy.SuppressTagKeyword = true;
}

// ---- Names, ids, locations ------------------------------------------------

bool Extraction::isSystem(SourceLocation L) const {
  return L.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(L));
}

static bool isReserved(StringRef Name) { return Name.starts_with("_"); }

bool Extraction::isOpaque(const Decl *D) {
  if (!isSystem(D->getLocation()))
    return false;
  const NamespaceDecl *Top = nullptr;
  for (const DeclContext *C = D->getDeclContext(); C; C = C->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(C))
      Top = NS;
  if (Top) {
    auto [It, New] =
        OpaqueNamespaces.try_emplace(Top->getCanonicalDecl(), false);
    if (New)
      It->second = Top->getName() == "std" || isReserved(Top->getName());
    return It->second;
  }
  // At global scope: the C library and the compiler's own declarations.
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    if (FD->isExternC())
      return true;
  if (D->getDeclContext()->isExternCContext())
    return true;
  const auto *ND = dyn_cast<NamedDecl>(D);
  return !ND || !ND->getIdentifier() || isReserved(ND->getName());
}

FactString Extraction::usr(const Decl *D) {
  auto It = Usrs.find(D);
  if (It != Usrs.end())
    return It->second;
  SmallString<128> Buf;
  FactString S;
  if (!index::generateUSRForDecl(D, Buf))
    S = str(Buf.str());
  return Usrs[D] = S;
}

FactString Extraction::functionId(const FunctionDecl *FD) {
  if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(FD))
    return str("D:" + usr(Dtor->getParent()));
  return usr(FD);
}

FactString Extraction::paramId(const FunctionDecl *FD, unsigned Index) {
  return str("P:" + functionId(FD) + "#" + Twine(Index));
}

FactString Extraction::path(FileEntryRef FE) {
  auto It = Paths.find(FE.getName());
  if (It != Paths.end())
    return It->second;
  SmallString<256> P(FE.getName());
  SM.getFileManager().makeAbsolutePath(P);
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return Paths[FE.getName()] = str(P.str());
}

FactLoc Extraction::loc(SourceLocation L) {
  FactLoc R;
  if (L.isInvalid())
    return R;
  L = SM.getExpansionLoc(L);
  FileID F = SM.getFileID(L);
  if (auto FE = SM.getFileEntryRefForID(F))
    R.File = path(*FE);
  R.Line = SM.getExpansionLineNumber(L);
  R.Col = SM.getExpansionColumnNumber(L);
  return R;
}

FactString Extraction::text(const Expr *E) {
  CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
  // An argument of a macro is named as written there ("*tid" in
  // "ERR(pthread_join(*tid, NULL))"), not as the macro's whole invocation.
  // An expression written in a macro's body ("t" in a macro that defines
  // a whole class) is named as spelled there, when its tokens are one run
  // of the body; otherwise as the invocation.
  CharSourceRange File = Lexer::makeFileCharRange(R, SM, Ctx.getLangOpts());
  if (File.isInvalid()) {
    SourceLocation B = SM.getSpellingLoc(R.getBegin());
    SourceLocation E = SM.getSpellingLoc(R.getEnd());
    if (SM.getFileID(B) == SM.getFileID(E) && !SM.isWrittenInScratchSpace(B) &&
        !SM.isBeforeInTranslationUnit(E, B))
      File = CharSourceRange::getTokenRange(B, E);
  }
  StringRef T = Lexer::getSourceText(
      File.isValid() ? File : SM.getExpansionRange(R), SM, Ctx.getLangOpts());
  return T.size() > 60 ? str(T.take_front(57) + "...") : str(T);
}

FactString Extraction::lambdaName(SourceLocation L) {
  FactLoc Where = loc(L);
  return str("lambda at " + sys::path::filename(Where.File) + ":" +
             Twine(Where.Line));
}

// ---- Declarations and types -----------------------------------------------

bool Extraction::isDllEntry(const FunctionDecl *FD) const {
  return FD->getDeclContext()->getRedeclContext()->isTranslationUnit() &&
         FD->getIdentifier() &&
         matchesAnyName(FD->getName(), Opts.DllEntryPoints);
}

bool Extraction::isProgramEntry(const FunctionDecl *FD) const {
  return FD->isMain() ||
         (FD->getDeclContext()->getRedeclContext()->isTranslationUnit() &&
          is_contained(Apis.ProgramEntryPoints, simpleName(FD)));
}

bool Extraction::isIntentional(const Decl *D) const {
  for (const Decl *R : D->redecls())
    for (const auto *A : R->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation() == Apis.IntentionalAnnotation)
        return true;
  return false;
}

namespace {
enum ClassKind : unsigned {
  ThreadClass = 1,
  JoiningThreadClass = 2,
  OwningClass = 4,
  NoDestructorClass = 8,
};
} // namespace

unsigned Extraction::classKind(const CXXRecordDecl *RD) const {
  auto [It, New] = ClassKinds.try_emplace(RD, 0);
  if (!New)
    return It->second;
  std::string N = qualifiedName(RD);
  unsigned K = 0;
  if (matchesAnyName(N, Opts.ThreadTypes))
    K |= ThreadClass;
  if (matchesAnyName(N, Opts.JoiningThreadTypes))
    K |= JoiningThreadClass;
  if (matchesAnyName(N, Opts.OwningTemplates))
    K |= OwningClass;
  if (matchesAnyName(N, Opts.NoDestructorTemplates))
    K |= NoDestructorClass;
  It->second = K;
  return K;
}

bool Extraction::isThreadType(const CXXRecordDecl *RD) const {
  return classKind(RD) & (ThreadClass | JoiningThreadClass);
}

bool Extraction::isJoiningThreadType(const CXXRecordDecl *RD) const {
  return classKind(RD) & JoiningThreadClass;
}

bool Extraction::isPlainThreadType(const CXXRecordDecl *RD) const {
  return classKind(RD) & ThreadClass;
}

bool Extraction::isOwningTemplate(const CXXRecordDecl *RD) const {
  return classKind(RD) & OwningClass;
}

bool Extraction::isNoDestructorTemplate(const CXXRecordDecl *RD) const {
  return classKind(RD) & NoDestructorClass;
}

std::string Extraction::threadTypeName(QualType T, unsigned Depth) const {
  T = T.getNonReferenceType().getCanonicalType();
  while (const ArrayType *A = Ctx.getAsArrayType(T))
    T = A->getElementType().getCanonicalType();
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || Depth > 4)
    return "";
  if (isThreadType(RD))
    return qualifiedName(RD);
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  if (!Spec || !isOwningTemplate(RD))
    return "";
  SmallVector<QualType, 4> Args;
  typeArgs(Spec->getTemplateArgs().asArray(), Args);
  for (QualType A : Args)
    if (std::string N = threadTypeName(A, Depth + 1); !N.empty())
      return N;
  return "";
}

bool Extraction::holdsThreads(QualType T) const {
  return !threadTypeName(T).empty();
}

/// Whether RD or a base declares operator-> (libstdc++'s shared_ptr
/// inherits it).
static bool hasArrow(const CXXRecordDecl *RD, ASTContext &Ctx, unsigned Depth) {
  if (!RD || !RD->hasDefinition() || Depth > 4)
    return false;
  if (!RD->lookup(Ctx.DeclarationNames.getCXXOperatorName(OO_Arrow)).empty())
    return true;
  return any_of(RD->bases(), [&](const CXXBaseSpecifier &B) {
    return hasArrow(B.getType()->getAsCXXRecordDecl(), Ctx, Depth + 1);
  });
}

bool Extraction::isOwningPointer(const CXXRecordDecl *RD) const {
  return isa<ClassTemplateSpecializationDecl>(RD) && isOwningTemplate(RD) &&
         hasArrow(RD, Ctx, 0);
}

void Extraction::noteField(const ValueDecl *D, bool ThreadObject) {
  const auto *F = dyn_cast_or_null<FieldDecl>(D);
  if (!F || isOpaque(F))
    return;
  const auto *RD = dyn_cast<CXXRecordDecl>(F->getParent());
  if (!RD || RD->isDependentContext())
    return;
  if (isSystem(F->getLocation()))
    LibraryFields.insert(usr(F));
  Facts.Fields.push_back({usr(F), usr(RD), str(qualifiedName(F)),
                          loc(F->getLocation()), ThreadObject});
}

} // namespace shutdown::extract
