import type { Messages } from './en.js';

/** 日本語のメッセージ。キーは en.ts と同じです(型とテストで確認しています)。 */
export const ja: Messages = {
  blocked: (findings, files, stateFiles = 0, staged = true) => {
    const what = [
      findings > 0 ? `${staged ? 'ステージされた ' : ''}${files} 個のファイルに AWS の認証情報が ${findings} 件` : '',
      stateFiles > 0 ? `Terraform の state ファイルが ${stateFiles} 個` : '',
    ].filter((s) => s !== '').join('、');
    return staged ? `aws-key-guard がこのコミットを止めました: ${what}あります。` : `aws-key-guard が見つけました: ${what}あります。`;
  },
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
  historyRemove: (sha) =>
    'キーはコミットそのものから取り除いてください。キーを消す新しいコミットを加えても、push には古いコミットが含まれたままです。' +
    `まだ push していないなら、\`git rebase -i ${sha}~1\`(それが最初のコミットなら \`git rebase -i --root\`)を実行し、` +
    'キーを加えた各コミットの "pick" を "edit" に変え、止まるたびにキーを削除して `git commit --amend -a` と `git rebase --continue` を実行してください。',
  trackedRemove: 'ファイルからキーを削除してコミットしてください。それ以前のコミットにはキーが残るため、漏えいしたものとして扱ってください。',
  historyNotEnough: '一度公開されたキーは、履歴から消すだけでは不十分です。必ずローテーションしてください。',
  more: (n) => `…ほかに ${n} 件あります。すべて見るには: npx aws-key-guard scan --format json`,
  nowTitle: '今すぐやること:',
  fixFirst: 'まず `npx aws-key-guard fix` を試してください(変更をすべて見せてから確認します)。手作業なら:',
  stepUnstage: 'このコミットからファイルを外してください(ディスク上のファイルは変わりません):',
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
  notAKeyJson:
    'JSON ファイル(コメントを書けません)の本物でないキーは、`npx aws-key-guard scan --format json` が表示するフィンガープリントを .aws-key-guard.json の "allow" に加えてください。',
  stepRemoveDotenv: 'キーはご自分の手元のファイルにだけ置いてください。ファイルはディスクに残り、Git には入りません。',
  bypass: '一度だけチェックなしでコミットするには: git commit --no-verify',
  scanned: (files, lines, staged = true) =>
    staged ? `ステージされた ${files} 個のファイル、追加された ${lines} 行を確認しました。` : `${files} 個のファイル、${lines} 行を確認しました。`,
  allowedNote: (n) => `${n} 件は設定またはベースラインで許可されています。`,
  clean: (files, lines, staged = true) =>
    staged
      ? `aws-key-guard: ステージされた ${files} 個のファイル(追加 ${lines} 行)に AWS のキーはありません。`
      : `aws-key-guard: ${files} 個のファイル(${lines} 行)に AWS のキーはありません。`,
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
  fix: {
    nothing: 'aws-key-guard fix: ステージされた AWS のキーはないため、修正するものはありません。(`git commit -a` が止められた場合は、先に git add -u でステージしてから、もう一度 fix を実行してください。)',
    pushed: (remote) =>
      `このキーはすでに ${remote} にあります。今すぐ IAM で無効化してください。ファイルから取り除いても、コピーした人の手元からは消えません。`,
    planTitle: 'aws-key-guard fix は次のことを行います:',
    profileNew: (profile, file) => `キーを ${file} に新しいプロファイル "${profile}" として保存します(既存のプロファイルは変更しません)`,
    profileReused: (profile, file) => `このキーをすでに持っている ${file} のプロファイル "${profile}" を使います`,
    useProfile: (where, profile) => `${where}: access_key / secret_key / token を profile = "${profile}" に置き換えます`,
    removeLines: (where, names) => `${where}: ${names} を削除します`,
    keptIn: (file) => `その値は ${file} に保存します(Git では追跡しません。Terraform はそのフォルダーから読み込みます)`,
    untrack: (file) => `${file} をインデックスから外します(ディスク上のファイルはそのままです)`,
    restore: (file) => `${file} のインデックスを最後にコミットした内容に戻します(ディスク上のファイルはそのままです。そのキーは Git に入れないでください)`,
    example: (file) => `同じ名前とプレースホルダーの値で ${file} を書き、ステージします`,
    exampleTaken: (file) => `${file} はすでにあるため、そのままにします`,
    gitignore: (lines) => `.gitignore に追加します: ${lines}`,
    gitignoreNotStaged: '.gitignore にステージしていない変更があるため、行は追加しますがステージはしません',
    leaveTitle: 'そのままにしたもの(fix は確実なときだけファイルを変更します):',
    why: {
      layout: 'このファイルの構造(ヒアドキュメントや対応の取れない括弧)を読み取れないため、変更しません。キーは手作業で削除してください',
      quoted: 'キーが文字列・コメント・ヒアドキュメントの中にあります。手作業で削除してください',
      notAssignment: 'キーが name = "value" の形で 1 行に書かれていません(jsonencode の中など)。手作業で削除してください',
      block: 'キーが provider "aws" や backend "s3" ブロック、変数の default、.tfvars、Terragrunt の inputs の直下にありません。手作業で削除してください',
      pair: 'プロファイルに保存するには、ブロック内に access_key と secret_key(token があればそれも)がそのままの値で必要です。手作業で削除してください',
      profileSet: 'このブロックはすでに profile か認証情報ファイルを指定しています。キーは手作業で削除してください',
      partial: 'ディスク上のファイルがステージした内容と違います(部分的なステージ)。ファイル全体をステージする(git add <ファイル>)か、ほかの変更を戻してから、もう一度 fix を実行してください',
      unknownKind: 'この種類のファイルは fix では書き換えません。キーは手作業で削除してください',
      json: 'JSON ファイルは fix では書き換えません。キーは手作業で削除してください',
      exampleFile: 'サンプルファイルはコミットするためのものです。本物の値を手作業でプレースホルダーに置き換えてください',
      encoding: 'ファイルが UTF-8 のテキストではありません。キーは手作業で削除してください',
      conflict: '隣の secrets.auto.tfvars が Git で追跡されているか、同じ変数をすでに設定しています。値は手作業で移してください',
      childModule: 'これは子モジュールの変数で、Terraform はそれを呼び出す module ブロックからしか値を設定しません(.auto.tfvars や TF_VAR_ は使われません)。default を削除し、ルートモジュールの変数からその module ブロックで値を渡してください',
    },
    diffTitle: '変更内容(値は伏せています):',
    dryRun: 'ドライランのため、何も変更していません。変更するには `npx aws-key-guard fix` を実行してください。',
    ask: 'この変更を行いますか? [y/N] ',
    noTty: 'fix はファイルとインデックスを変更します。ターミナルで実行して確認するか、--yes を付けてください(--dry-run で先に変更内容を確認できます)。',
    cancelled: '何も変更していません。',
    staged: (files) => `ステージしました: ${files}`,
    unstaged: (files) => `インデックスから外しました(ディスク上には残っています): ${files}`,
    restored: (files) => `インデックスを最後のコミットの内容に戻しました(ディスク上はそのまま): ${files}`,
    unsetVars: (names, _n, file) =>
      `${names} はコミットするファイルでは値がなくなりました。Terraform は ${file} から読み込みます。そのファイルが読み込まれない場合(別のフォルダー、-var-file、CI)は TF_VAR_<名前> を設定してください。`,
    profileNote: (profile) =>
      `Terraform はプロファイル "${profile}" からキーを読み込みます。ほかに設定は不要です。ほかのツールでは AWS_PROFILE=${profile} で使えます。`,
    canCommit: 'ステージされた AWS のキーはもうありません。コミットできます。もう一度 git commit を実行してください。',
    stillFound: (n) => `まだ ${n} 件がステージされているため、コミットは止められます。上に表示した箇所を手作業で直してください。`,
    rotate: 'このキーを一度でも push・共有・どこかに貼り付けたなら、今すぐ IAM で無効化してください。ファイルから取り除いても安全には戻りません。',
  },
  usage: `使い方: aws-key-guard <コマンド> [オプション]

コマンド:
  scan [パス...]       ステージされた変更(インデックス)から AWS のキーを探します。
                       パスを指定すると、そのパスだけを調べます
    --all              ステージされた変更だけでなく、追跡中のすべてのファイル(インデックス全体)
    --range A..B       範囲内の各コミットで追加された行(CI、pre-push 用)
    --history          HEAD から辿れるすべてのコミット
    --pre-push [remote url]  push されるコミット(pre-push フックとして Git から受け取ります)。
                       指定したリモートが既に持っているコミットは新しいものとしません
    --pre-receive      Git サーバーで: リポジトリに新しく push されるコミット(hooks/pre-receive)
    --stdin            インストールしたフックがパイプで渡す、ステージ済みの差分
  baseline             現在の検出結果を .aws-key-guard-baseline.json に記録します
                       (フィンガープリントのみ)
  install              Git の pre-commit フックをインストールします(husky または素の Git)。
                       --pre-push で、push されるコミットを調べる pre-push フックも加えます
                       --server [リポジトリ]: サーバーの(bare)リポジトリの pre-receive フック
  uninstall            install が加えたものだけを取り除きます(--server [リポジトリ]: そこから)
  ci                   GitHub Actions で: push やプルリクエストのコミットを調べ、ジョブの
                       サマリー(と SARIF)を書きます。action.yml のアクションが実行します
  doctor               このクローンでフックが本当に動き、キーを止めるかを確かめます
  explain [ルール]     ルールの詳しい説明、またはルールの一覧
  gitignore            Terraform リポジトリに必要な項目が .gitignore にあるかを確かめます
  fix                  ステージされたキーをファイルから取り除き、AWS のプロファイルに移します。
                       Terraform はそのまま動きます(変更をすべて見せてから確認します。
                       --yes で確認なし、--dry-run では何も変えません)

オプション:
  --format text|json|sarif  scan の出力形式(既定: text)
  --lang en|ja         メッセージの言語(既定: LC_ALL、LC_MESSAGES、LANG から決めます)
  --dry-run            install/uninstall/fix: 何を変えるかを表示するだけで、何も変えません
  --yes                fix: 確認せずに変更します
  --prepare            install: npm の "prepare" スクリプト用。失敗せず、
                       インストールしない理由を表示します
  --write              gitignore: 足りない項目を追記します
  --debug              エラーの技術的な詳細を表示します
  -h, --help           このヘルプを表示します
  -v, --version        バージョンを表示します

終了コード: 0 見つからず、1 キーを検出(コミットを中止)、2 使い方・Git・内部のエラー。
一度だけ確認を省く: git commit --no-verify(または AWS_KEY_GUARD=0 git commit)。`,
  errors: {
    badOption: (text) => `${text} オプションは \`npx aws-key-guard --help\` で確認してください。`,
    unknownOption: (option) => `${option} というオプションはありません。オプションは \`npx aws-key-guard --help\` で確認してください。`,
    optionNeedsValue: (option) => `${option} の後に値を指定してください。オプションは \`npx aws-key-guard --help\` で確認してください。`,
    optionTakesNoValue: (option) => `${option} には値を付けずに指定してください。`,
    noArguments: (command, word) => `${command} の後には何も指定できません(指定された語: "${word}")。`,
    lang: (value) => `--lang には en か ja を指定してください(指定された値: "${value}")。`,
    format: (value) => `--format には text、json、sarif のどれかを指定してください(指定された値: "${value}")。`,
    stdinStagedOnly: '--stdin は、ステージされた変更の確認にだけ使えます。',
    oneMode: '--all、--range、--history、--pre-push のうち一つだけを指定してください。',
    pathsStagedOnly: 'パスは、ステージされた変更の確認にだけ指定できます(--all、--range、--history とは一緒に使えません)。--pre-push には Git がフックに渡すリモート名と URL だけを指定できます。',
    gitignoreUnreadable: '.gitignore を読めませんでした。権限を確認してください。',
    unknownCommand: (command) => `"${command}" というコマンドはありません。\`npx aws-key-guard --help\` でコマンドを確認してください。`,
  },
  install: {
    notARepo:
      'このフォルダーは Git リポジトリの中にありません(または bare リポジトリです)。先に `git init` を実行するか、プロジェクトのフォルダーで実行してください。',
    notInstalled:
      'フックをインストールするには、このプロジェクトに aws-key-guard が必要です。`npm install -D aws-key-guard`(または `pnpm add -D`、`yarn add -D`)を実行してから、`npx aws-key-guard install` を実行してください。',
    managedBy: (tool, config) =>
      `${tool} がこのリポジトリの Git フックを管理しており(${config})、aws-key-guard のフックを知らないうちに消すか、並べると自分のフックが動かなくなるため、install は何も書き込みません。代わりに ${config} の pre-commit に \`npx --no-install aws-key-guard scan\` を加え(README の「Other hook managers」を参照)、${tool} にフックをインストールさせてください。`,
    packageOutside: (pkg, top) =>
      `aws-key-guard は ${pkg} にインストールされていますが、この Git リポジトリ(${top})の外です。フックはリポジトリの中にあるものしか実行できません。${top} で \`npm install -D aws-key-guard\` を実行してから(または npm プロジェクトのフォルダーをリポジトリの最上位にしてから)、もう一度 install してください。`,
    configNotRead: (file, top) =>
      `${file} に "aws-key-guard" の設定がありますが、読み込まれません。設定はリポジトリの最上位に置きます。${top}/.aws-key-guard.json(または最上位の package.json)に移してください。`,
    teammates: (script) =>
      `このリポジトリのクローンには、フックは自動では入りません。チームの全員を守るには、package.json の scripts に "${script}": "aws-key-guard install --prepare" を加えてください(README の「Team template repositories」を参照)。`,
    yarnPnp:
      "Yarn の Plug'n'Play はパッケージを zip ファイルに収めるため、Git のフックからは実行できません。.yarnrc.yml に `nodeLinker: node-modules` の行を加え、`yarn install` を実行してから、`yarn aws-key-guard install` を実行してください。",
    outside: (place) =>
      `Git はこのリポジトリのフックを ${place.hooksDir}${place.hooksPath ? `(core.hooksPath、${place.hooksPath.origin} で設定)` : ''} から実行します。` +
      'ここはリポジトリの外で、ほかのリポジトリも使うかもしれないフォルダーなので、install は何も書き込みません。' +
      `このリポジトリに専用のフックを持たせるなら、\`git config core.hooksPath "${place.commonDir}/hooks"\` を実行してから、もう一度 \`npx aws-key-guard install\` を実行してください(共有フォルダーのフックはこのリポジトリでは動かなくなります)。` +
      'または、共有の pre-commit から aws-key-guard をご自身で呼び出してください(すべてのリポジトリで動くようになります)。',
    danglingLink: (file) =>
      `${file} は存在しないファイルへのシンボリックリンクなので、install はリンク先に書き込みません。リンクを削除する(または実在するフックを指すように直す)と、install を再実行できます。`,
    notAFolder: (dir) => `${dir} がフォルダではありません。Git はそこにフックを置きます。そのファイルを移動してから、install を再実行してください。`,
    notAFile: (file) =>
      `${file} はリンクか、通常のファイルではないため、install は書き込みません。通常のファイルに置き換えてから、install を再実行してください。`,
    editedHook: (file) =>
      `${file} は aws-key-guard が書いた後に編集されているため、install は変更しません。入れ直すには、編集内容を別の場所に残してからファイルを移動し、install を再実行してください。`,
    bothExist: (file, saved) =>
      `${file} と ${saved} の両方があり、どちらも aws-key-guard のものではありません。手作業で一つのフックにまとめてから、install を再実行してください。`,
    notShell: (file, shebang) =>
      `${file} は \`${shebang}\` で始まり、シェルのスクリプトではないため、シェルの行を加えられません。そのファイルから \`sh node_modules/aws-key-guard/hooks/pre-commit\` を呼び出してください。`,
    huskyNotSetUp: (setUp) =>
      setUp === undefined
        ? 'このクローンでは husky が設定されていません(.husky/_ フォルダーがありません)。Git は .husky/pre-commit を実行せず、何も確認されません。`npx husky` を実行してください(husky のフォルダーが最上位より下にある場合は、それを設定する prepare スクリプト: `npm run prepare`)。'
        : `このクローンでは husky が設定されていません(core.hooksPath が ${setUp} ではありません)。Git は .husky/pre-commit を実行せず、何も確認されません。\`git config core.hooksPath ${setUp}\` を実行してください。`,
    huskySetUp: (setUp) => `このクローンでは husky が設定されていなかったため、husky と同じく \`git config core.hooksPath ${setUp}\` を実行しました(uninstall で元に戻します)。`,
    hooksPathUnset: (value) => `install が設定した core.hooksPath ${value} を元に戻しました。`,
    change: (c, rel, dryRun) => {
      // 実行前(--dry-run)は「〜します」、実行後は「〜しました」
      const done = (stem: string) => `${stem}${dryRun ? 'ます' : 'ました'}。`;
      switch (c.action) {
        case 'create':
          return `${rel(c.file)} を${done('作成し')}`;
        case 'insert':
          return `${rel(c.file)} の先頭(必ず実行される位置)に 1 行${done('加え')}ほかの行はそのままです。`;
        case 'update':
          return `${rel(c.file)} の aws-key-guard の${c.kind === 'line' ? '行' : 'フック'}を${done('更新し')}`;
        case 'move':
          return `既存のフックを ${rel(c.to ?? '')} として${done('残し')}確認の後で、これまでどおり実行されます。`;
        case 'remove':
          return c.kind === 'line' ? `${rel(c.file)} から aws-key-guard の行を${done('取り除き')}` : `aws-key-guard のフック ${rel(c.file)} を${done('削除し')}`;
        case 'restore':
          return `以前のフックを ${rel(c.to ?? '')} に${done('戻し')}`;
        case 'keep':
          return `${rel(c.file)} はインストール後に編集されているため、あなたのファイルとしてそのまま残します。不要なら、ご自身で削除してください。${c.to === undefined ? '' : `インストール前のフックは ${rel(c.to)} に残っています。削除した後、${rel(c.file)} に戻してください。`}`;
        case 'none':
          return c.why === 'installed' ? `インストール済みです(${rel(c.file)})。変更はありません。` : `インストールされていません(${rel(c.file)})。変更はありません。`;
      }
    },
    hookMissing: (shim, hook, husky) =>
      `${shim} がないため、${hook === 'pre-commit' ? 'ステージされた対象のファイル' : 'push されるコミット'}を確認できません。パッケージをインストールする(npm install、pnpm install、yarn)か、一度だけ --no-verify で省略してください。aws-key-guard を意図して削除した場合は、フックも外してください: ${husky ? `.husky/${hook} から '# aws-key-guard …' で終わる行を削除します` : `$0 を削除し、隣に ${hook}.before-aws-key-guard があれば ${hook} に名前を戻します`}。`,
    done: '完了しました。AWS のキーをステージしたコミットは止められます(このクローンのフックで、いま確かめました)。いつでも `npx aws-key-guard doctor` で確認できます。',
    donePrePush: 'AWS のキーを追加するコミットを含む push も止められます(pre-push フック)。',
    notDone: '完了していません。上の ✖ の行を直してから、もう一度 `npx aws-key-guard install` を実行してください。',
    notInstalledBecause: (why) => `aws-key-guard: フックはインストールしませんでした: ${why.replace(/[。.]$/, '')}。`,
    skipEnv: 'AWS_KEY_GUARD=0 が設定されています',
    skipDependency: 'このパッケージは別のパッケージの依存としてインストールされました',
  },
  doctor: {
    hooksFrom: (dir, where) => `Git はこのクローンのフックを ${dir} から実行します${where}`,
    hooksPathFrom: (value, origin) => `(core.hooksPath = ${value}、${origin} で設定)`,
    noHook: (file) => `${file} がないため、何も確認されません。\`npx aws-key-guard install\` を実行してください。`,
    notExecutable: (file) => `${file} に実行権限がないため、Git はこれを飛ばし、何も確認されません。\`chmod +x ${file}\` を実行してください。`,
    notInstalled: (file) => `${file} は aws-key-guard を実行しません。\`npx aws-key-guard install\` を実行してください。`,
    notFirst: (file) =>
      `${file} では aws-key-guard が最初のコマンドではありません。その前の行で止まるおそれがあり、doctor はそれをテスト用のコミットに対して実行しません。\`npx aws-key-guard install\` で先頭に行を加えてください。`,
    refused: (hook) => `その場で作った偽のキーのコミットは、${hook} とそこから呼ばれるすべてを通して、aws-key-guard が止めました`,
    refusedNotByUs: (hook) =>
      `その場で作った偽のキーのコミットは止まりましたが、aws-key-guard の確認によるものではないため、漏えいを見逃すおそれがあります。${hook} の出力:`,
    notRefused: (hook) => `その場で作った偽のキーのコミットを、${hook} は止めません。出力:`,
    refusedByError: (hook) =>
      `生成した偽のキーのコミットは止まりましたが、aws-key-guard の確認ではなく、フックのエラーによるものです。下のエラーを直すまで、対象のファイルのコミットはすべてここで止まります。${hook} の出力:`,
    printedNothing: '(何も出力されませんでした)',
    huskyOff: 'このシェルでは HUSKY=0 が設定されているため、husky はどのフックも実行せず、ここからのコミットは確認されません。解除してください(`unset HUSKY`)。',
    throughFramework: (file) =>
      `${file} は pre-commit フレームワークのフックで、.pre-commit-config.yaml が aws-key-guard を実行します。doctor はこの流れを証明できない(フレームワークはほかのフックも実行します)ため、保護されているとは言いません。キーが止められることを確かめるには、作り物のキーを入れたファイルをステージして \`pre-commit run aws-key-guard\` を実行してください。`,
    throughManager: (file, tool, config) =>
      `${file} は ${tool} のフックで、${config} が aws-key-guard を実行します。doctor はこの流れを証明できない(${tool} はほかのコマンドも実行します)ため、保護されているとは言いません。キーが止められることを確かめるには、作り物のキーを入れたファイルをステージしてコミットしてください${tool === 'lefthook' ? '(または `npx lefthook run pre-commit` を実行)' : ''}。うまく動いていれば何もコミットされません。`,
    throughLintStaged: (file) =>
      `${file} は lint-staged を実行し、その設定が aws-key-guard を実行します。doctor はこの流れを証明できません(lint-staged は前後でファイルを退避・復元します)。doctor が証明できる確認にするには \`npx aws-key-guard install\` を実行してください。自分の行を先頭に加えるので、lint-staged 側の設定は不要になります。`,
    allGood: 'aws-key-guard はこのクローンにインストールされ、AWS のキーを止めます。',
    somethingWrong: 'このクローンのコミットは、aws-key-guard で正しく確認されていません。上の ✖ の行を直してから、もう一度確認してください。',
  },
  hook: {
    skipped: (hook) =>
      `aws-key-guard: AWS_KEY_GUARD=0 が設定されているため、${hook === 'pre-commit' ? 'ステージされたファイル' : 'push されるコミット'}の AWS キーを確認していません。`,
    noNode: (hook) =>
      `aws-key-guard: PATH に Node.js が見つからないため、この${hook === 'pre-commit' ? 'コミット' : ' push'}を確認できず、止めました。\`node\` が動くシェルから Git を実行するか、一度だけ確認を省いてください: git ${hook === 'pre-commit' ? 'commit' : 'push'} --no-verify`,
    notBuilt: (hook) =>
      `aws-key-guard: パッケージがビルドされていないか、インストールされていません($cli がありません)。\`npm install\`(または pnpm install、yarn)を実行するか、一度だけ確認を省いてください: git ${hook === 'pre-commit' ? 'commit' : 'push'} --no-verify`,
  },
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
    'node_modules/': 'インストールしたパッケージ(aws-key-guard も含みます)',
  },
  // ---- サーバーのフック(scan --pre-receive、install --server)と GitHub Action(ci) ----
  receiveRefused: 'サーバーの aws-key-guard がこの push を拒否しました: 新しいコミットに AWS の認証情報が含まれています。この push の内容は何も保存されていません。',
  receiveNotCommit: (type, sha) =>
    `サーバーの aws-key-guard がこの push を拒否しました: コミットではない ${type} (${sha}) を送っており、確認はコミットしか読めません。保存が必要なら、サーバーの管理者に相談してください。`,
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
