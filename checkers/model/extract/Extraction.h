//===- Extraction.h - A translation unit being extracted --------*- C++ -*-===//
//
// What the parts of the extraction share: the AST and the options, the facts
// being built, where the traversal is (the function whose body is visited,
// the statements above the current one, the declaration whose initializer is
// visited), and the questions every part asks: names and ids, locations,
// which types are threads, which declarations are marked intentional.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_EXTRACT_EXTRACTION_H
#define SHUTDOWN_HAZARDS_MODEL_EXTRACT_EXTRACTION_H

#include "checkers/model/ApiTables.h"
#include "checkers/model/Facts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"
#include <string>
#include <vector>

namespace shutdown::extract {

/// Qualified name without inline or anonymous namespaces and without
/// template arguments: "std::thread", "Worker::stop".
std::string qualifiedName(const clang::NamedDecl *D);

/// The identifier of a declaration, or "" for operators and conversions.
llvm::StringRef simpleName(const clang::NamedDecl *D);

/// E without parentheses, casts, temporaries, "&", "*" and copies: the
/// expression whose value E carries.
const clang::Expr *strip(const clang::Expr *E);

/// The type arguments of a template specialization, packs expanded:
/// std::tuple<int, Joiner> gives int and Joiner.
void typeArgs(llvm::ArrayRef<clang::TemplateArgument> Args,
              llvm::SmallVectorImpl<clang::QualType> &Out);

/// A null pointer constant: nullptr, NULL, 0.
bool isNull(const clang::Expr *E, clang::ASTContext &Ctx);

/// The function whose body is traversed, and where in it.
struct Position {
  FactString Function; ///< Its id; empty outside function bodies.
  /// Its reason and lpvReserved parameters when it is a DLL entry point.
  const clang::ParmVarDecl *ReasonParam = nullptr;
  const clang::ParmVarDecl *ReservedParam = nullptr;
  /// The statements above the current one, outermost first.
  std::vector<clang::Stmt *> Ancestors;
  /// The variable or member whose initializer is traversed.
  const clang::ValueDecl *Initialized = nullptr;
};

class Extraction {
public:
  Extraction(clang::ASTContext &Ctx, const ModelOptions &Opts);

  clang::ASTContext &Ctx;
  clang::SourceManager &SM;
  const ModelOptions &Opts;
  const FixedApis &Apis;
  TUFacts Facts;
  Position At;

  // ---- Names, ids, locations ----------------------------------------------

  const clang::PrintingPolicy &policy() const { return Policy; }
  bool isSystem(clang::SourceLocation L) const;
  /// The C and C++ standard libraries: a declaration in a system header in
  /// namespace std or a reserved namespace ("__gnu_cxx"), or at global scope
  /// extern "C" or with a reserved name. They are known only through the
  /// API tables and never extracted.
  bool isOpaque(const clang::Decl *D);
  /// A declaration of an installed library: in a system header, not opaque.
  /// Its code is extracted where the code of the translation unit reaches
  /// it, and its functions are dependencies, never entry points.
  bool isLibrary(const clang::Decl *D) {
    return isSystem(D->getLocation()) && !isOpaque(D);
  }
  /// S kept with the facts.
  FactString str(const llvm::Twine &T) {
    llvm::SmallString<128> Buf;
    return Facts.str(T.toStringRef(Buf));
  }
  FactList strs(llvm::ArrayRef<std::string> L) {
    FactList Out;
    for (const std::string &S : L)
      Out.push_back(str(S));
    return Out;
  }
  FactString usr(const clang::Decl *D);
  /// A function's node: its USR, or D:<class> for a destructor.
  FactString functionId(const clang::FunctionDecl *FD);
  /// A parameter, as a target: what callers pass flows into it.
  FactString paramId(const clang::FunctionDecl *FD, unsigned Index);
  FactString path(clang::FileEntryRef FE);
  FactLoc loc(clang::SourceLocation L);
  /// The source text of E, cut at 60 characters.
  FactString text(const clang::Expr *E);
  /// "lambda at file.cpp:12".
  FactString lambdaName(clang::SourceLocation L);

  // ---- Declarations and types ---------------------------------------------

  /// A function the loader calls under the loader lock (DllEntryPoints).
  bool isDllEntry(const clang::FunctionDecl *FD) const;
  /// main, or one of FixedApis::ProgramEntryPoints at global scope.
  bool isProgramEntry(const clang::FunctionDecl *FD) const;
  /// Marked [[clang::annotate("shutdown-hazards:intentional")]]: the user
  /// says the object is never destroyed, or its threads stopped before exit,
  /// in ways the model cannot see.
  bool isIntentional(const clang::Decl *D) const;
  bool isThreadType(const clang::CXXRecordDecl *RD) const;
  /// The thread type T is, or holds through owning templates ("std::jthread"
  /// for vector<jthread>, arrays looked through); "" when it holds none.
  std::string threadTypeName(clang::QualType T, unsigned Depth = 0) const;
  /// Whether T is a thread, or owns threads through an owning template.
  bool holdsThreads(clang::QualType T) const;
  /// An owning template with operator->: unique_ptr, shared_ptr.
  bool isOwningPointer(const clang::CXXRecordDecl *RD) const;
  /// The class is named by JoiningThreadTypes, ThreadTypes,
  /// OwningTemplates, NoDestructorTemplates (each name matched once).
  bool isJoiningThreadType(const clang::CXXRecordDecl *RD) const;
  bool isPlainThreadType(const clang::CXXRecordDecl *RD) const;
  bool isOwningTemplate(const clang::CXXRecordDecl *RD) const;
  bool isNoDestructorTemplate(const clang::CXXRecordDecl *RD) const;

  /// A field that holds a thread (object or handle) is recorded with its
  /// class, for the ownership rule.
  void noteField(const clang::ValueDecl *D, bool ThreadObject);
  /// The fields of library classes noted so far (their ids): a handle
  /// member of a library is kept only where a thread goes into it.
  llvm::StringSet<> LibraryFields;

private:
  /// What the options make of a class (ClassKind bits), its qualified name
  /// matched once.
  unsigned classKind(const clang::CXXRecordDecl *RD) const;

  clang::PrintingPolicy Policy;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, unsigned> ClassKinds;
  llvm::DenseMap<const clang::NamespaceDecl *, bool> OpaqueNamespaces;
  llvm::DenseMap<const clang::Decl *, FactString> Usrs;
  llvm::StringMap<FactString> Paths;
};

} // namespace shutdown::extract

#endif
