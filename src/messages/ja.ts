import type { Messages } from './en.js';

/** 日本語のメッセージ。キーは en.ts と同じです(型とテストで確認しています)。 */
export const ja: Messages = {
  blocked: (findings, files) =>
    `aws-key-guard がこのコミットを止めました: ステージされた ${files} 個のファイルに AWS の認証情報が ${findings} 件あります。`,
  ruleTitle: {
    'aws-access-key-id': 'AWS アクセスキー ID',
    'aws-secret-access-key': 'AWS シークレットアクセスキー',
    'aws-session-token': 'AWS セッショントークン',
    'aws-bedrock-api-key': 'Amazon Bedrock API キー',
    'terraform-state-file': 'Terraform の state ファイル',
  },
  wholeFile: '(ファイル全体: state には秘密情報が平文で入ります)',
  keyKind: {
    AKIA: 'IAM ユーザー(またはルートユーザー)の長期アクセスキー',
    ASIA: 'STS の一時的な認証情報',
    ABIA: 'AWS STS サービスのベアラートークン',
    ACCA: 'コンテキスト固有の認証情報',
  },
  keyInfo: (kind, account) =>
    `${kind}、${account === undefined ? '古い形式のキーのため、アカウントは読み取れません' : `AWS アカウント ${account}`}`,
  historyFound: (findings, commits) => `aws-key-guard が ${commits} 個のコミットに AWS の認証情報を ${findings} 件見つけました。`,
  inCommit: (sha, date) => `コミット ${sha}(${date})`,
  pushedTo: (remote) => `(push 済み: ${remote} にあります。このキーをローテーションしてください)`,
  historyRotate: '今すぐ IAM でキーを無効化してください。push した(またはこれから push する)コミットにあるキーは、漏えいしたものとして扱います。',
  historyRemove:
    'ファイルからキーを削除してコミットしてください。まだ push していないコミットなら、書き換えて(git commit --amend や git rebase -i)キーがマシンの外に出ないようにします。',
  historyNotEnough: '一度公開されたキーは、履歴から消すだけでは不十分です。必ずローテーションしてください。',
  more: (n) => `…ほかに ${n} 件あります。すべて見るには: npx aws-key-guard scan --format json`,
  nowTitle: '今すぐやること:',
  stepUnstage: 'このコミットから外します(ディスク上のファイルは変わりません):',
  stepRemove: 'ファイルからキーを削除し、もう一度ステージしてコミットしてください。',
  stepIgnore: '次からこのようなファイルが Git に入らないようにします:',
  instead: {
    terraform:
      'Terraform では provider "aws" ブロックから access_key / secret_key / token を削除します。`aws configure`(または `aws sso login`)を実行し、`export AWS_PROFILE=<プロファイル名>` とすれば、Terraform が認証情報を自動で見つけます。',
    tfvars:
      '秘密の値はコミットする .tfvars に書かず、追跡しない secrets.auto.tfvars か TF_VAR_<名前> 環境変数を使い、変数は `sensitive = true` でデフォルト値なしで宣言します。',
    terragrunt:
      'Terragrunt ではキーを直接書かず、`aws configure`(または `aws sso login`)と `export AWS_PROFILE=<プロファイル名>` を使います。Terragrunt と Terraform はシェルから読み取ります。',
    dotenv:
      '.env ファイルは追跡せず(.gitignore に追加)、AWS_ACCESS_KEY_ID=your-key-id のようなプレースホルダーを書いた .env.example をコミットします。',
    'aws-config': 'AWS の認証情報ファイルは自分のマシンの ~/.aws/ に置くもので、リポジトリには入れません。',
    state:
      'Terraform の state には秘密情報が平文で入ります。リモートバックエンド(例: 暗号化とロックを有効にした S3)に置き、*.tfstate、*.tfstate.*、.terraform/ を無視してください。',
    other: 'キーはファイルに書かず、環境変数やシークレットマネージャーから読み込んでください。',
  },
  pushedTitle: 'このキーを一度でも push・共有・どこかに貼り付けたなら、今すぐ IAM で無効化してください:',
  pushedCommand: (hint) => `aws iam update-access-key --status Inactive --access-key-id <ID>   (${hint})`,
  pushedKeyHint: (redacted) => `ID は ${redacted}`,
  pushedNoId: 'このシークレットと対になるアクセスキー ID',
  pushedThen:
    'その後キーを削除し、全リージョンと請求額に身に覚えのないリソースがないか確認してください。',
  fullGuide: '詳しい手順:',
  pushedState: 'この state ファイルを一度でも push したなら、中の秘密情報(DB パスワードやアクセスキーなど)をすべて今すぐ変更してください。',
  notAKey: '本物のキーではない場合は、その行にコメント `aws-key-guard:allow` を追加してください。',
  bypass: '一度だけチェックなしでコミットするには: git commit --no-verify',
  scanned: (files, lines) => `ステージされた ${files} 個のファイル、追加された ${lines} 行を確認しました。`,
  allowedNote: (n) => `${n} 件は設定またはベースラインで許可されています。`,
  clean: (files, lines) =>
    `aws-key-guard: ステージされた ${files} 個のファイル(追加 ${lines} 行)に AWS のキーはありません。`,
  failClosed: (what) =>
    `aws-key-guard はこのコミットを確認できなかった(${what})ため、安全のために止めました。上の問題を直すか、一度だけチェックなしでコミットしてください: git commit --no-verify`,
  bug: 'aws-key-guard の不具合です。NODE_DEBUG=aws-key-guard を付けた出力を添えて報告してください',
  skippedByEnv: 'aws-key-guard: AWS_KEY_GUARD=0 が設定されているため、ステージされたファイルの AWS キーを確認していません。',
  explainList: 'ルール一覧(詳しい説明は npx aws-key-guard explain <ルール>):',
  explainUnknown: (rule) => `"${rule}" というルールはありません。\`npx aws-key-guard explain\` で一覧を表示できます。`,
  guide: {
    'aws-access-key-id': [
      'AWS アクセスキー ID(AKIA…、ASIA…、ABIA…、ACCA…)',
      'AWS のキーペアの前半です。シークレットと組み合わせると、誰でもあなたとして AWS を操作できます。',
      '攻撃者は公開リポジトリを数分以内に探し、全リージョンでサーバーを起動します。',
      '',
      '先頭の文字で種類がわかります: AKIA は IAM ユーザー(最悪の場合はルートユーザー)の長期キー、',
      'ASIA は STS の一時セッションです。2019 年以降に発行されたキーにはアカウント番号が含まれており、',
      'どのアカウントを確認すべきかわかるようにレポートに表示します。',
    ],
    'aws-secret-access-key': [
      'AWS シークレットアクセスキー(40 文字)',
      'AWS のキーペアの秘密の半分です。secret_key、AWS_SECRET_ACCESS_KEY、SecretAccessKey などの名前に',
      '代入されているか、アクセスキー ID のすぐ近くにあるものを検出します。',
    ],
    'aws-session-token': [
      'AWS セッショントークン',
      'STS、SSO、MFA セッションの一時的な認証情報です。期限はありますが、それまではキーと同じように使えます。',
      '漏れた場合はキーの漏えいとして扱い、ロールのセッションを無効にしてください。',
    ],
    'aws-bedrock-api-key': [
      'Amazon Bedrock API キー(ABSK…)',
      'Amazon Bedrock の API キーです。あなたの請求でモデルを実行できます。共有してしまった場合は',
      'Bedrock コンソール(またはサービス固有の認証情報として IAM)で削除してください。',
    ],
    'terraform-state-file': [
      'Terraform の state ファイル(*.tfstate)',
      'Terraform は、パスワードやキーを含むリソースのすべての属性を平文で state に書き込みます。',
      'state は絶対にコミットせず、リモートバックエンドを使ってください。',
    ],
  },
  guideInsteadTitle: '代わりの書き方:',
  guideInstead: [
    'provider "aws" {',
    '  region = "ap-northeast-1"',
    '  # access_key / secret_key は書かない: Terraform は AWS_PROFILE、',
    '  # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY、または ~/.aws/ を自動で読みます',
    '}',
    '',
    'variable "db_password" {',
    '  type      = string',
    '  sensitive = true   # デフォルト値なし: TF_VAR_db_password か追跡しない *.auto.tfvars で渡す',
    '}',
  ],
  guidePushedTitle: 'キーを一度でも push・共有・どこかに貼り付けた場合:',
  guidePushed: [
    '1. 今すぐ無効化して削除します: IAM コンソール > ユーザー > セキュリティ認証情報、または',
    '   aws iam update-access-key --status Inactive --access-key-id <ID>',
    '   aws iam delete-access-key --access-key-id <ID>',
    '2. 全リージョンで、作成した覚えのないインスタンスやデータベースなどがないか確認し、',
    '   請求ページ、Cost Explorer、CloudTrail のイベント履歴を見ます。',
    '3. ルートユーザーで MFA を有効にし、ルートのアクセスキーを削除します。',
    '4. グループを通じて最小権限を与えた IAM ユーザーやロールを使います。',
    '5. 身に覚えのない請求は AWS サポートに連絡してください。免除されることがよくあります。',
    '公開された後では、履歴からコミットを消すだけでは不十分です。キーはすでにコピーされています。',
  ],
  gitignoreOk: '.gitignore には Terraform リポジトリに必要な項目がすべてあります。',
  gitignoreMissing: (n) => `.gitignore に Terraform リポジトリに必要な項目が ${n} 個足りません:`,
  gitignoreWriteHint: '`npx aws-key-guard gitignore --write` で追記できます(既存の行は消しません)。',
  gitignoreWritten: (n, file) => `${file} に ${n} 個の項目を追記しました。`,
  gitignoreWhy: {
    '*.tfstate': 'state には秘密情報が平文で入ります',
    '*.tfstate.*': 'state のバックアップも同じです',
    '.terraform/': 'プロバイダーのバイナリとキャッシュされた state',
    '.env': 'dotenv ファイルには本物の秘密情報が入ります',
    '.env.*': 'dotenv の派生ファイルも同じです',
    '!.env.example': 'ただしサンプルファイルは残します',
    '*.auto.tfvars': 'ローカルの変数値。秘密であることが多いです',
    'crash.log': 'Terraform のクラッシュログ',
    'crash.*.log': 'Terraform のクラッシュログ',
    '*.tfplan': '保存したプランには秘密の値が入ります',
  },
  // ---- サーバーのフック(scan --pre-receive、install --server)と GitHub Action(ci) ----
  receiveRefused: 'サーバーの aws-key-guard がこの push を拒否しました: 新しいコミットに AWS の認証情報が含まれています。この push の内容は何も保存されていません。',
  receiveRewrite:
    'これらのコミットを含む push はすべて拒否されるため、キーを削除する新しいコミットを追加するだけでは足りません。どのコミットにもキーが残らないように書き換えてから(git rebase -i、最後のコミットなら git commit --amend)、もう一度 push してください。',
  receiveClean: (files, lines) => `aws-key-guard: push されたコミットに AWS のキーはありません(${files} 個のファイル、追加された ${lines} 行)。`,
  receiveTimeoutRefused: (seconds) =>
    `aws-key-guard: この push の確認に ${seconds} 秒以上かかったため、サーバーは push を拒否しました(awsKeyGuard.onTimeout は refuse です)。一度に push するコミットを減らすか、サーバーの管理者に awsKeyGuard.timeout を増やすよう依頼してください。`,
  receiveTimeoutAllowed: (seconds) =>
    `aws-key-guard: 警告: この push の確認に ${seconds} 秒以上かかったため、サーバーは確認せずに受け入れました(awsKeyGuard.onTimeout は allow です)。`,
  receiveSkippedByEnv: 'aws-key-guard: サーバーで AWS_KEY_GUARD=0 が設定されているため、この push は AWS のキーを確認していません。',
  serverChange: {
    create: (_, file, dry) => `aws-key-guard: ${file} を${dry ? '作成します(--dry-run のため変更していません)' : '作成しました'}`,
    replace: (_, file, dry) => `aws-key-guard: ${file} のフックを${dry ? '更新します(--dry-run のため変更していません)' : '更新しました'}`,
    move: (saved, _file, dry) =>
      `aws-key-guard: 既存の pre-receive フックを ${saved} として${dry ? '残します(--dry-run のため変更していません)' : '残しました'}。同じ入力で先に実行されます`,
    remove: (_, file, dry) => `aws-key-guard: フック ${file} を${dry ? '削除します(--dry-run のため変更していません)' : '削除しました'}`,
    restore: (_, file, dry) => `aws-key-guard: 以前のフックを ${file} に${dry ? '戻します(--dry-run のため変更していません)' : '戻しました'}`,
    none: (_, file) => `aws-key-guard: ${file}: 変更はありません`,
  },
  serverDone:
    '完了しました: このリポジトリは、新しいコミットに AWS のキーを含む push を拒否します。設定: git config awsKeyGuard.timeout <秒>(既定は 60)と awsKeyGuard.onTimeout refuse|allow(既定は refuse)。',
  serverFromNpx: (root) =>
    `${root} は npx の一時フォルダーです。npm がこれを消すと、フックがすべての push を止めてしまいます。パッケージを正式にインストールしてから(npm install -g aws-key-guard)、aws-key-guard install --server を実行してください。`,
  ciClean: (files, lines) => `確認したコミットに AWS のキーはありません(${files} 個のファイル、追加された ${lines} 行)。`,
  ciScope: {
    deleted: () => 'なし(この push はブランチかタグを削除しました)',
    push: (revs) => `この push のコミット(${revs})`,
    'new-branch': (revs) => `${revs} のコミットのうち、ほかのブランチにないもの(新しいブランチ、または force push)`,
    'pull-request': (revs) => `このプルリクエストのコミット(${revs})`,
    'merge-group': (revs) => `このマージグループのコミット(${revs})`,
    history: () => 'チェックアウトした履歴のすべてのコミット',
  },
  ciWhat: (what) => `確認したもの: ${what}`,
  ciColumns: ['場所', '認証情報', '値', 'ルール', 'コミット'],
  ciMore: (n) => `…ほかに ${n} 件あります。`,
  ciAllowed: (n) => `${n} 件は設定またはベースラインで許可されています。`,
};
