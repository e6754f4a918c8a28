// 日本語の説明文。用語はシードのセミナー資料に合わせる: 近隣要請 (NS)、
// 近隣広告 (NA)、ルータ要請 (RS)、ルータ広告 (RA)、重複アドレス検出 (DAD)、
// 要請ノードマルチキャストアドレス、全ノード/全ルータマルチキャスト、
// ターゲットアドレス、オンリンク、アドレスの状態は 仮 (tentative)・
// 推奨 (preferred)・非推奨 (deprecated)・無効 (invalid)。
// プレースホルダは英語版 (catalog-en.ts) と同じ集合を使う (テストで確認)。

import type { Catalog, LiveCatalog } from './keys.ts';

export const JA: Catalog = {
  // ------------------------------------------------------------- フレーム
  'frame.ns.dad':
    '{node} が {target} を誰も使っていないか確かめています: 仮アドレスの重複アドレス検出 (DAD) のプローブで、始点 :: から要請ノードマルチキャストアドレス {dst} 宛に送る近隣要請 (NS) です。',
  'frame.ns.resolution':
    '{node} が {target} のMACアドレスを探索しています: アドレス解決の近隣要請 (NS) をターゲットの要請ノードマルチキャストアドレス {dst} 宛に送るので、{target} を持ちうるノードにしか届きません。',
  'frame.ns.nud':
    '{node} が {target} にまだ到達できるか確かめています: 近隣到達不能検知 (NUD) の近隣要請 (NS) を、キャッシュ済みのMACアドレス {dstMac} 宛にユニキャストで送ります。',
  'frame.ns.unicast': '{node} が {target} についての近隣要請 (NS) を {dst} 宛にユニキャストで送ります。',
  'frame.na.solicited':
    '{node} が回答します: {target} のMACアドレスは {tlla} です (要請に対する近隣広告 (NA)、S=1)。問い合わせたノードの近隣キャッシュは REACHABLE になり、待たせていたパケットが送られます。',
  'frame.na.solicited-no-tlla':
    '{node} がユニキャストの確認に回答します: {target} には今も到達できます (要請に対する近隣広告 (NA)、S=1)。問い合わせたノードのエントリは REACHABLE になります。相手はすでにMACアドレスを知っているので、NA にはターゲットリンク層アドレスオプションがなく、そのため O=0 です。',
  'frame.na.anycast':
    '{node} が {target} について回答します。これはプレフィックスのサブネットルータ・エニーキャストアドレスで、リンク上のすべてのルータが持っています: {target} のMACアドレスは {tlla} です (要請に対する近隣広告 (NA)、S=1、O=0)。O=0 なので、すでに別のルータの回答をキャッシュしているノードはそれを保ちます (最初の回答が勝ちます)。ルータは一斉に答えないよう、ランダムな時間待ってから回答します (Linux では proxy_delay、最大 0.8 秒)。',
  'frame.na.dad-defence':
    '{node} が {target} を防衛します: このアドレスを既に使っているので、DAD のプローブに全ノードマルチキャスト (ff02::1) 宛の近隣広告 (NA、S=0) で応答します。プローブした側は仮アドレスを重複とみなし、使ってはいけません。',
  'frame.na.all-nodes':
    '{node} が全ノードに {target} のMACアドレスは {tlla} だと知らせます (ff02::1 宛の非要請の近隣広告 (NA)、S=0)。誰かの {target} に対する DAD への応答 (そのアドレスは重複となる) か、通知です: MACアドレスの変更、または設定したばかりのアドレスの通知 (RFC 9131、Linux の ndisc_notify) で、accept_untracked_na が有効なルータはこれで STALE のエントリを作れます。',
  'frame.na.unsolicited': '{node} が {dst} に、問われないまま {target} のMACアドレスは {tlla} だと知らせます (非要請の近隣広告 (NA)、S=0)。',
  'frame.rs':
    '{node} がリンク上のルータに、次の定期的なルータ広告 (RA) を待たずに今すぐ広告するよう求めます (全ルータマルチキャスト ff02::2 宛のルータ要請 (RS))。',
  'frame.ra.default':
    '{node} が {dst} 宛に、自分を有効期間 {lifetime} (Router Lifetime)、優先度 {prf} のデフォルトルータとして広告します (ルータ広告 (RA))。',
  'frame.ra.not-default':
    '{node} が {dst} 宛に Router Lifetime 0 のルータ広告 (RA) を送ります: デフォルトルータではありませんが、ホストは含まれるプレフィックス、フラグ、パラメータを取り込みます。',
  'frame.ra.final':
    '{node} が広告をやめます: Router Lifetime 0 の最後のルータ広告 (RA) で、ホストは古い有効期間の満了を待たずに、ただちにデフォルトルータリストから削除します。',
  'frame.redirect.router':
    '{node} (ルータ) が {to} に、{destination} 宛のパケットにはこのリンク上により良い次ホップ {target} があると伝えます (リダイレクト)。',
  'frame.forwarded':
    '{node} はこのパケットを転送します。宛先は {node} ではなく {dst} なので、ホップリミットを1減らして {hopLimit} とし、次ホップ ({dstMac}) に送ります。',
  'frame.na.dad-dos':
    '{node} は {target} の DAD プローブに全ノード宛ての NA (S=0) で答え、使ってもいないそのアドレスを使用中だと主張します。プローブした側は仮アドレスを重複とみなして放棄しなければなりません。すべてのプローブにこう答えると (thc-ipv6 の dos-new-ip6)、ホストはいつまでもアドレスを得られません。RFC 3756 §4.1.3 の DAD に対するサービス妨害です。',
  'rs.no-slla':
    '送信元リンク層アドレスオプションはありません。送信元アドレスがまだ optimistic の間は、RFC 4429 により付けてはいけないからです (重複していた場合に、本来の持ち主のエントリをルータのキャッシュで上書きしないため)。ルータはこの RS から何も学ばず、マルチキャストの RA で答えます。',
  'redirect.tlla': '{target} のリンク層アドレス {tlla} も知らせるので、{to} はすぐにそこへ送れます。',
  'redirect.no-tlla':
    '{target} のリンク層アドレスは含まれていません (ルータもまだ知りません)。{to} はそこへ送る前にアドレス解決で知る必要があります。',
  'redirect.quoted':
    'リダイレクトヘッダオプションには転送されたパケットの先頭 {bytes} バイトが引用され、{to} はどのパケットが原因かを知ることができます。',
  'frame.redirect.on-link':
    '{node} (ルータ) が {to} に、{destination} はオンリンクなので (ターゲット = 宛先) ルータを経由せず直接送るよう伝えます (リダイレクト)。',
  'frame.echo-request': '{node} が {dst} に ping を送ります: ICMPv6 エコー要求、識別子 {id}、シーケンス番号 {seq}。',
  'frame.echo-reply': '{node} が {dst} からの ping に応答します: ICMPv6 エコー応答、識別子 {id}、シーケンス番号 {seq}。',
  'frame.mldv2-report.join':
    '{node} が {groups} を受信することを通知します (ff02::16 宛の MLDv2 レポート)。MLD スヌーピングするスイッチはそのグループのパケットを転送するようになります。',
  'frame.mldv2-report.leave': '{node} が {groups} の受信をやめることを通知します (ff02::16 宛の MLDv2 レポート)。',
  'frame.mldv2-report.state': '{node} が受信しているマルチキャストグループ {groups} を報告します (クエリに対する MLDv2 レポート)。',
  'frame.mld-query': 'MLD クエリア {node} が、リンク上で受信者のいるマルチキャストグループを問い合わせます ({groups})。',
  'frame.mldv1-report': '{node} が {groups} を受信することを通知します (MLDv1 レポート)。',
  'frame.mldv1-done': '{node} が {groups} の受信をやめます (MLDv1 Done)。',
  'frame.unreachable.address':
    '{node} が {dst} に、{invokingDst} に到達できないと通知します: アドレス解決が失敗した (近隣要請に近隣広告の応答がなかった) ため、待たせていたパケットを破棄し、宛先到達不能 (コード 3、アドレス到達不能) を返します。',
  'frame.unreachable.other': '{node} が {dst} に、{invokingDst} に到達できないと通知します (ICMPv6 宛先到達不能、コード {code})。',
  'frame.icmpv6-other': '{node} が {dst} に ICMPv6 タイプ {type}、コード {code} を送ります。',
  'frame.ipv6-other': '{node} が {dst} に IPv6 パケット (次ヘッダ {nextHeader}) を送ります。',
  'frame.not-ipv6': '{node} が IPv6 以外のフレーム (EtherType {etherType}) を送ります。',

  // ------------------------------------------------- フレームの補足
  'ns.slla': '自分のMACアドレス {slla} を含めているので、持ち主は問い返さずに回答できます。',
  'ns.dad-wait':
    'プローブには送信元リンクレイヤアドレスが付きません。最後のプローブから RetransTimer (既定 1 秒) 以内に {target} の近隣広告 (NA) がなければアドレスは推奨 (preferred) になり、利用可能になります。応答があれば重複なので、アドレスを再構成する必要があります。',
  'ns.dad-nonce':
    'ノンスを含みます (拡張 DAD): 同じノンスのプローブが送信元に戻ってきたら、それはループして戻った自分のプローブであり、重複ではありません。',
  'ns.resolution-failure':
    'RetransTimer 間隔で MAX_MULTICAST_SOLICIT (3) 回要請しても近隣広告 (NA) がなければアドレス解決は失敗し、待っていたパケットには ICMPv6 アドレス到達不能エラーが返ります。',
  'ns.src-prompting':
    '始点 {src} は、この要請のきっかけとなったパケットの始点アドレスです (RFC 4861 の推奨どおりで、Linux もこうします)。シードのスライドでは始点をリンクローカルアドレスとしています。',
  'ns.src-link-local':
    '始点はシードのスライドと同じくリンクローカルアドレスです: きっかけのパケットがそこから送られたか、スタックがそれを選びました。Linux は、きっかけのパケットの始点が自分のアドレスならそれを使うので、グローバルアドレスになることもあります。',
  'ns.src-link-local-configured':
    '{node} は常にリンクローカルアドレスを始点にする設定 (ns_source: link-local) なので、始点はシードのスライドと同じくリンクローカルアドレスです。RFC 4861 の推奨 (Linux もこれに従います) では、この要請のきっかけとなったパケットの始点アドレスになります。',
  'na.override': 'O=1 (Override): 受信したノードは {target} についてキャッシュしていたMACアドレスを置き換えます。',
  'na.no-override':
    'O=0: {target} について別のMACアドレスを既にキャッシュしているノードはそれを保ちます (エニーキャストやプロキシの応答、または楽観的アドレス)。',
  'na.router': 'R=1: 送信元はルータです。',
  'na.src-target': 'ターゲットアドレス自身を始点として送られています (Linux の動作)。シードのスライドでは始点をリンクローカルアドレスとしています。',
  'na.src-link-local':
    'シードのスライドと同じくリンクローカルアドレスから送られています (宛先のスコープで始点を選ぶ BSD/KAME 系の動作)。Linux はターゲットアドレスから送ります。',
  'ra.flags.slaac': 'M=0、O=0: ホストはステートレスアドレス自動設定 (SLAAC) で自分でアドレスを設定し、DHCPv6 は使いません。',
  'ra.flags.managed': 'M=1: アドレスは DHCPv6 で取得できます (ステートフル設定)。',
  'ra.flags.other': 'O=1: アドレス以外の情報 (DNS サーバなど) は DHCPv6 で取得できます。',
  'ra.prf-reserved': '優先度のビットは予約値 10 であり、受信側は Medium として扱わなければなりません。',
  'ra.hop-limit': 'ホストは送信するパケットのホップ制限を {hopLimit} にします (Cur Hop Limit)。',
  'ra.reachable-time': '近隣は確認後およそ {reachable} ミリ秒間、到達可能とみなされます (Reachable Time)。',
  'ra.retrans-timer': '近隣要請 (NS) は {retrans} ミリ秒ごとに再送されます (Retrans Timer)。',
  'ra.mtu': 'リンクの MTU は {mtu} バイトです。',
  'ra.pio.onlink-auto':
    'プレフィックス {prefix} はオンリンク (L=1) で、自動設定用 (A=1) です: ホストはこれを用いてグローバルアドレスを生成します。有効期間 {valid}、推奨期間 {preferred}。',
  'ra.pio.onlink': 'プレフィックス {prefix} はオンリンク (L=1) ですが、アドレス設定には使いません (A=0)。有効期間 {valid}。',
  'ra.pio.auto':
    'プレフィックス {prefix} は自動設定用 (A=1) で、L=0 なのでオンリンクかどうかは何も述べていません。有効期間 {valid}、推奨期間 {preferred}。',
  'ra.pio.nothing': 'プレフィックス {prefix} は L=0、A=0 で、ホストに何も伝えません。',
  'ra.pio.withdrawn':
    'プレフィックス {prefix} の有効期間が 0 です: ホストはただちにオンリンクとみなさなくなりますが、2 時間ルールにより、そこから作ったアドレスは最大 2 時間残ります。',
  'ra.pio.deprecating':
    'プレフィックス {prefix} の推奨期間が 0 です: そこから作ったアドレスは非推奨 (deprecated) になり、既存の通信には使えますが、新規通信では他に推奨アドレスがあればそちらが使われます。有効期間 {valid}。',
  'ra.rio': '経路 {prefix} はこのルータ経由です。優先度 {prf}、有効期間 {lifetime}。',
  'ra.rdnss': 'DNS サーバ {servers}、有効期間 {lifetime}。',
  'ra.dnssl': 'DNS 検索リスト {domains}、有効期間 {lifetime}。',
  'mld.before-dad':
    'ノードはアドレスの DAD プローブを送る前に要請ノードマルチキャストアドレス {group} に参加します。これで、そのアドレスについての他ノードのプローブや応答を受信できます。',
  'note.seed-mld-omitted': 'シードのステートレス自動アドレス設定のスライドでは、この MLD のフレームは省略されており、DAD の近隣要請から始まっています。',
  'note.na-spoofing':
    '近隣広告 (NA) には認証がありません: リンク上の誰でも任意のターゲットについて応答でき、これが NA スプーフィングの原因です。',
  'note.attacker-na': '{node} は攻撃者です: この近隣広告を受け入れたノードは {target} 宛の通信を {tlla} に送ってしまいます。',
  'note.attacker-ra':
    '{node} は正規のルータではありません: このような不正な RA により、ホストがこれをデフォルトルータにしたり、そのプレフィックスを使ったりします。スイッチの RA-Guard でこのような RA を遮断できます。',
  'note.violation': '規則違反があります: {violation}',

  // ------------------------------------------------- 状態の変化
  'change.nc-resolve':
    '{node} に {key} 宛のパケットがありますがMACアドレスが未知です: 新しいエントリを INCOMPLETE で作り、パケットを待たせ、要請ノードマルチキャストアドレス宛に近隣要請 (NS) を送ります。',
  'change.nc-stale-used':
    '{node} が STALE だった {key} 宛に送信します: キャッシュ済みのアドレスをすぐに使い、DELAY に移って、プローブの前に上位層が到達性を確認するのを DELAY_FIRST_PROBE_TIME (5 秒) 待ちます。',
  'change.nc-learn-ns':
    '{node} は近隣要請 (NS) の送信元リンクレイヤアドレスオプションから {key} のMACアドレス {lladdr} を知りました。エントリは {to} です (STALE: 到達性は未確認)。',
  'change.nc-learn-rs': '{node} はルータ要請 (RS) から {key} のMACアドレス {lladdr} を知りました。到達性が確認されるまでエントリは {to} です。',
  'change.nc-learn-ra': '{node} はルータ広告 (RA) からルータ {key} のMACアドレス {lladdr} を知りました。到達性が確認されるまでエントリは {to} です。',
  'change.nc-learn-redirect':
    '{node} はリダイレクトのターゲットリンクレイヤアドレスオプションから {key} のMACアドレス {lladdr} を知りました。到達性が確認されるまでエントリは {to} です。',
  'change.nc-learn-untracked-na':
    '{node} は accept_untracked_na が有効なルータです。エントリのなかった {key} についての近隣広告 (NA) が MAC アドレス {lladdr} を運んできたので、エントリを {to} で作ります (STALE: 到達性は未確認)。RFC 9131 がファーストホップルータに認める動作です。',
  'change.nc-confirm':
    '{node} は上位層 (TCP の確認応答など) から {key} の到達性の確認を得ました: ND のパケットを使わずにエントリは再び REACHABLE になります。',
  'change.nc-reachable-timeout':
    '{node} は ReachableTime の間 {key} の確認を得られませんでした: エントリは REACHABLE から STALE になります。パケットが必要になるまで何も送りません。',
  'change.nc-delay-timeout':
    '{node} は DELAY_FIRST_PROBE_TIME 以内に {key} の確認を得られませんでした: エントリは PROBE になり、ユニキャストの近隣要請 (NS) で確かめます。',
  'change.nc-failed':
    '{node} は近隣要請 (NS) を繰り返しても {key} から近隣広告 (NA) を得られませんでした: 近隣は到達不能です ({from} → {to})。待たせていたパケットは破棄され、ICMPv6 アドレス到達不能エラーが返ります。',
  'change.nc-removed': '{node} は {key} の近隣キャッシュのエントリ ({from}) を削除しました。',
  'change.nc-flushed': '{node} は {key} の近隣キャッシュのエントリ ({from}) を消去しました (インタフェースのダウンなど)。',
  'change.nc-isrouter-set': '{node} は {key} がルータであることを知りました (IsRouter = TRUE)。',
  'change.nc-isrouter-cleared':
    '{node} は {key} から R=0 の近隣広告 (NA) を受信しました: もうルータではないので、デフォルトルータリストから削除します。',
  'change.na-incomplete-solicited':
    '{node} は待っていた要請への近隣広告 (NA) を受信しました: {key} のMACアドレスは {lladdr} です。INCOMPLETE → REACHABLE となり、待たせていたパケットを送ります。',
  'change.na-incomplete-unsolicited':
    '{node} は非要請の近隣広告 (NA) から {key} のMACアドレス {lladdr} を知りました: エントリは STALE (未確認) になり、待たせていたパケットを送ります。',
  'change.na-no-override-reachable':
    '{node} は {key} について異なるMACアドレスを持つ O=0 の近隣広告 (NA) を受信しました: キャッシュのアドレスは保ち、再確認のためにエントリを STALE にするだけです。',
  'change.na-override-solicited':
    '{node} は {key} について新しいMACアドレスを持つ O=1 の要請への近隣広告 (NA) を受信しました: キャッシュは {lladdr} になり、エントリは REACHABLE です。',
  'change.na-solicited-confirm': '{node} は {key} から要請への近隣広告 (NA) を受信しました: 到達性が確認され、エントリは REACHABLE です。',
  'change.na-override-unsolicited':
    '{node} は {key} の新しいMACアドレスを知らせる O=1 の非要請の近隣広告 (NA) を受信しました: キャッシュは {lladdr} になり、確認されるまで STALE です。',
  'change.na-unsolicited-no-change': '{node} は {key} について何も変えない非要請の近隣広告 (NA) を受信しました。エントリは {to} のままです。',
  'change.rd.router.new': '{node} は Router Lifetime が 0 でないルータ広告 (RA) を受けて、{key} をデフォルトルータリストに追加します (優先度 {to})。',
  'change.rd.router.preference': 'ルータ {key} の広告する優先度が {from} から {to} に変わりました。ルータの選択にすぐ反映されます。',
  'change.rd.router.lifetime-zero': 'ルータ {key} が Router Lifetime 0 のルータ広告 (RA) を送りました: {node} はただちにデフォルトルータリストから削除します。',
  'change.rd.router.expired': '{key} からのルータ広告 (RA) で Router Lifetime が更新されませんでした: {node} はデフォルトルータリストから削除します。',
  'change.rd.router.flushed': '{node} はデフォルトルータ {key} を忘れます (インタフェースのダウンなど)。',
  'change.rd-router-flag-cleared':
    '{key} が R=0 の近隣広告 (NA) を送りました: もうルータではないので、{node} はデフォルトルータリストから削除します。',
  'change.rd.rs.gave-up':
    '{node} はルータ要請 (RS) を送り終えましたがルータ広告 (RA) はありませんでした: 今はルータがないと判断し、非要請の RA を待ちます。',
  'change.rd.flag.managed': 'M フラグが {to} になりました: M=1 ならアドレスを DHCPv6 で取得でき、M=0 なら取得しません。',
  'change.rd.flag.other': 'O フラグが {to} になりました: O=1 ならアドレス以外の情報 (DNS など) を DHCPv6 で取得できます。',
  'change.rd.param.hop-limit': 'ルータ広告 (RA) により {node} の使うホップ制限が変わりました: {from} → {to}。',
  'change.rd.param.reachable-time':
    'ルータ広告 (RA) が新しい BaseReachableTime を設定したので、{node} は ReachableTime を乱数で引き直します: {from} → {to} ミリ秒。',
  'change.rd.param.reachable-time-periodic':
    '{node} は同じ BaseReachableTime から ReachableTime を乱数で引き直します。RFC 4861 は少なくとも数時間ごとの再計算を求めており、Linux は 300 秒ごとに行います。ノード間で NUD のタイマーがそろわないようにするためです: {from} → {to} ミリ秒。',
  'change.rd.param.retrans-timer': 'ルータ広告 (RA) が近隣要請の間隔 RetransTimer を設定しました: {from} → {to} ミリ秒。',
  'change.rd.param.mtu': 'ルータ広告 (RA) の MTU オプションでリンクの MTU が変わりました: {from} → {to} バイト。',
  'change.rd.param.mtu-invalid':
    '{node} はルータ広告 (RA) の MTU オプションを無視します: IPv6 の最小値 1280 未満か、リンク自体の MTU を超えています。MTU は {to} のままです。',
  'change.rd.rdnss.new': '{node} はルータ広告 (RA) から DNS サーバを知りました: {to}。',
  'change.rd.rdnss.removed': 'DNS サーバ {from} が取り消されたか、有効期間が切れました。',
  'change.rd.dnssl.new': '{node} はルータ広告 (RA) から DNS 検索ドメインを知りました: {to}。',
  'change.rd.dnssl.removed': 'DNS 検索ドメイン {from} が取り消されたか、有効期間が切れました。',
  'change.rd.prefix.new': '{node} は {key} をプレフィックスリストに追加します: その範囲のアドレスはオンリンクで、ルータを経由せず直接届きます。',
  'change.rd.prefix.valid-zero': '{key} のプレフィックス情報の有効期間が 0 です: {node} はただちにオンリンクとみなさなくなります。',
  'change.rd.prefix.expired': 'オンリンクプレフィックス {key} の有効期間が切れました: {node} はもうオンリンクとみなしません。',
  'change.rd.prefix.flushed': '{node} はオンリンクプレフィックス {key} を忘れます (インタフェースのダウンなど)。',
  'change.rd.route.new': '{node} はルータ広告 (RA) の経路情報オプションから、より詳細な経路 {key} (優先度 {to}) を追加します。',
  'change.rd.route.preference': '経路 {key} の優先度が {from} から {to} に変わりました。',
  'change.rd.route.lifetime-zero': '経路 {key} が取り消されました (Route Lifetime 0)。',
  'change.rd.route.expired': '経路 {key} の有効期間が切れました。',
  'change.rd.route.flushed': '{node} は経路 {key} を忘れます (インタフェースのダウンなど)。',
  'change.dst-multicast': '{node} はマルチキャスト {key} 宛にリンクへ直接送ります: マルチキャストに次ホップは不要です。',
  'change.dst-link-local': '{node} は {key} へ直接送ります: リンクローカルの宛先は常にオンリンクです。',
  'change.dst-on-link-prefix': '{node} は {key} へ直接送ります: オンリンクプレフィックスの範囲内です。',
  'change.dst-router': '{node} はオフリンクの {key} へデフォルトルータ {to} 経由で送ります。',
  'change.dst-redirect-on-link': 'リダイレクトにより {key} はオンリンクだと分かったので、{node} は直接送るようになります。',
  'change.dst-redirect-router': 'リダイレクトにより、{node} は {key} へより良い次ホップ {to} 経由で送るようになります。',
  'change.dst-removed': '{node} は {key} の次ホップを忘れます。次のパケットで選び直します。',
  'change.optimistic-created':
    '{node} は {key} を作り、Optimistic DAD により直ちに使い始めます。アドレスは optimistic で、DAD をバックグラウンドで行う間も送信元に使えます。ただし重複していた場合に害が出ないよう、このアドレスから送る RS と NS には送信元リンク層アドレスオプションを付けず、このアドレスの NA では Override フラグを立てません。',
  'change.link-local-created':
    '{node} は fe80::/64 とインタフェース識別子からリンクローカルアドレス {key} を生成します。最初は {to} で、使う前に重複アドレス検出 (DAD) で一意性を確かめます。',
  'change.slaac-created':
    '{node} はルータ広告 (RA) のプレフィックス (A=1) とインタフェース識別子から {key} を生成します (ステートレスアドレス自動設定)。DAD が終わるまで {to} です。',
  'change.temporary-created': '{node} はプライバシーのため、ランダムなインタフェース識別子で一時アドレス {key} を生成します。最初は {to} です。',
  'change.stable-privacy-retry': '前のアドレスが重複していたので、{node} は DAD カウンタを進めて新しい安定アドレス {key} を生成します。',
  'change.manual-add': '管理者が {node} に {key} を追加しました (ip addr add)。最初は {to} です。',
  'change.manual-delete': '管理者が {node} から {key} を削除しました (ip addr del)。',
  'change.dad-succeeded':
    '{node} の {key} に対する DAD のプローブに近隣広告 (NA) も近隣要請 (NS) も来ませんでした: アドレスは一意で {to} になり、始点として使えます。',
  'change.dad-failed':
    '{key} は既に他のノードが使っています: 重複アドレス検出 (DAD) が失敗したので、{node} はこれを {to} とし、使いません。アドレスを再構成する必要があります。',
  'change.dad-failed-removed': '{node} は DAD に失敗した {key} を削除します。',
  'change.ipv6-disabled':
    '{node} のMACアドレスから作ったリンクローカルアドレスを他のノードが使っています。MACアドレス自体が重複しているとみられるので、{ifname} の IPv6 を無効にします。',
  'change.ipv6-disabled-removed':
    '{ifname} の IPv6 が無効になったため、{node} は {key} を削除します (Linux の addrconf_ifdown はそのインターフェースのアドレスをすべて外します)。',
  'change.preferred-lifetime-expired':
    '{key} の推奨期間が切れました: {to} になり、既存の通信には有効です。新規通信では、十分なスコープの推奨アドレスが他にあればそちらが選ばれ、なければこのアドレスが使われます。',
  'change.valid-lifetime-expired': '{key} の有効期間が切れました: アドレスは無効 (invalid) になり、{node} は削除します。',
  'change.lifetime-refreshed': 'ルータ広告 (RA) が {key} の期間を更新しました: 有効期間 {validLft}、推奨期間 {preferredLft}。',
  'change.prefix-preferred-zero':
    'ルータ広告 (RA) が {key} のプレフィックスの推奨期間を 0 にしました: アドレスは {to} になり、既存の通信には使われますが、新規通信では同じスコープの推奨アドレスが他にあればそちらが使われます。',
  'change.two-hour-rule':
    'ルータ広告 (RA) が {key} の有効期間を {received} に縮めようとしましたが、2 時間ルールにより {validLft} になります。偽の RA でアドレスをすぐには消せません。',
  'change.temporary-lifetimes': '一時アドレス {key} は、元の公開アドレスのプレフィックスから新しい期間を得ます。',
  'change.link-down': 'リンクがダウンしました: {node} は {key} を削除します。',
  'change.link-down-kept': 'リンクがダウンしました: {node} は {key} を保持し、リンクが戻ったら DAD をやり直します。',
  'change.mld-join':
    '{node} はマルチキャストグループ {key} に参加し、非要請の MLDv2 レポートを送ります。スヌーピングするスイッチがそのグループのパケットを届けるようになります。',
  'change.mld-join-silent': '{node} はマルチキャストグループ {key} に参加します。全ノード ff02::1 などのグループは MLD で報告されません。',
  'change.mld-leave': '{node} はマルチキャストグループ {key} から離脱します。',
  'change.mld-join-v1':
    '{node} はマルチキャストグループ {key} に参加します。リンクに MLDv1 のクエリアがいる (MLDv1 互換モード) ので、グループ宛ての MLDv1 レポートで通知します。',
  'change.mld-v1-compat':
    '{node} は MLDv1 クエリを受信しました。旧バージョンクエリア存在タイムアウトの間 MLDv1 クエリが聞こえなくなるまで、このインタフェースでは MLDv1 を使います (レポートは各グループ宛て、Done は ff02::2 宛て)。',
  'change.mld-v2-resumed':
    '{node} はこのインタフェースで再び MLDv2 を使います。旧バージョンクエリア存在タイムアウトの間 MLDv1 クエリが聞こえなかった (またはリンクが再びアップした) ためです。',
  'change.ping-started': '{node} が {key} を開始します: ICMPv6 エコー要求を送り、エコー応答を待ちます。',
  'change.ping-reply': '{node} が {key} のエコー応答を受信しました: これまでに {transmitted} 回中 {received} 回応答がありました。',
  'change.ping-error': '{node} は {key} の次のエコー要求を送信できません: {reason}。',
  'change.ping-unreachable': '{node} は {key} の宛先に到達できません: {reason}。',
  'change.ping-done': '{key} が終了しました: 送信 {transmitted} 回、応答 {received} 回、エラー {errors} 回。',
  'change.command-failed': '{node} でコマンド {key} が失敗しました: {reason}。',

  // ---------------------------------------- reasonId のない状態変化
  'fallback.address.tentative': '{node} のアドレス {key} は仮 (tentative) です: DAD で一意性を確認中です。({reason})',
  'fallback.address.optimistic': '{node} のアドレス {key} は楽観的 (optimistic) です: DAD の間も制限付きで使えます。({reason})',
  'fallback.address.preferred': '{node} のアドレス {key} は推奨 (preferred) です: 一意で通信可能です。({reason})',
  'fallback.address.deprecated': '{node} のアドレス {key} は非推奨 (deprecated) です: 有効ですが新規通信には使いません。({reason})',
  'fallback.address.duplicate': '{node} のアドレス {key} は重複しており、使われません。({reason})',
  'fallback.address.removed': '{node} のアドレス {key} は無効 (invalid) になり削除されました。({reason})',
  'fallback.neighbor.INCOMPLETE': '{node} の近隣 {key} は INCOMPLETE です: アドレス解決中です。({reason})',
  'fallback.neighbor.REACHABLE': '{node} の近隣 {key} は REACHABLE です: 最近到達性が確認されました。({reason})',
  'fallback.neighbor.STALE': '{node} の近隣 {key} は STALE です: MACアドレスは分かっていますが最近は確認されていません。({reason})',
  'fallback.neighbor.DELAY': '{node} の近隣 {key} は DELAY です: プローブ前に上位層の確認を待っています。({reason})',
  'fallback.neighbor.PROBE': '{node} の近隣 {key} は PROBE です: ユニキャストの近隣要請で確認中です。({reason})',
  'fallback.neighbor.FAILED': '{node} の近隣 {key} は FAILED です: 応答がありませんでした。({reason})',
  'fallback.neighbor.removed': '{node} は近隣 {key} を削除しました。({reason})',
  'fallback.created': '{node}: {machine} の新しいエントリ {key}: {to}。({reason})',
  'fallback.removed': '{node}: {machine} のエントリ {key} を削除 (以前は {from})。({reason})',
  'fallback.changed': '{node}: {machine} のエントリ {key}: {from} → {to}。({reason})',

  // --------------------------------------------------------------- 破棄
  'drop.accept_ra': '{node} はルータ広告 (RA) を無視します: accept_ra の設定により、このインタフェースは RA で自分を設定しません。',
  'drop.accept-ra': '{node} はルータ広告 (RA) を無視します: accept_ra の設定により、このインタフェースは RA で自分を設定しません。',
  'drop.na-no-entry': '{node} は近隣広告 (NA) を無視します: ターゲットの近隣キャッシュのエントリがなく、非要請の NA はエントリを作りません。',
  'drop.na-incomplete-no-tlla':
    '{node} は近隣広告 (NA) を無視します: エントリはMACアドレスを待っていますが、NA にターゲットリンクレイヤアドレスオプションがありません。',
  'drop.na-no-override-ignored':
    '{node} は近隣広告 (NA) を無視します: O=0 でキャッシュと異なるMACアドレスを持つので、キャッシュを変えてはいけません。',
  'drop.na-our-address': '{node} は自分のアドレスについての近隣広告 (NA) を受信しました: 他の誰かがそれを主張しています。NA は無視します。',
  'drop.na-for-our-address':
    '{node} は自分の (仮ではない) アドレスについての近隣広告 (NA) を受信しました: 他のノードが主張していますが、DAD はやり直さず NA は無視します。',
  'drop.ns-not-for-us': '{node} は近隣要請 (NS) を無視します: ターゲットは自分のアドレスではありません。',
  'drop.ns-target-tentative': '{node} は近隣要請 (NS) に応答しません: ターゲットはまだ仮アドレスなので、DAD に任せます。',
  'drop.ns-tentative-target': '{node} は仮アドレスへの近隣要請 (NS) に応答しません: DAD が扱います (DAD のプローブなら重複を意味します)。',
  'drop.ns-no-source': '{node} には近隣要請 (NS) に使える始点アドレスがないので、送りません。',
  'drop.nc-queue-overflow': '{node} はパケットを破棄します: アドレス解決を待つパケットが多すぎます (unres_qlen)。',
  'drop.na-unsolicited-dropped':
    '{node} は非要請の近隣広告 (NA, S=0) を無視します。drop_unsolicited_na が設定されているので、Solicited フラグのない NA は重複アドレス検出 (DAD) も含めて一切処理しません。',
  'drop.ns-anycast-queue-full':
    '{node} はエニーキャストアドレスへの近隣要請 (NS) を破棄します。遅延して応答する NS がすでに多すぎます (proxy_qlen)。',
  'drop.dad-looped-back': '{node} はリンクでループして戻ってきた自分の DAD プローブ (同じノンス) を無視します: 重複の兆候ではありません。',
  'drop.mldv1-query-ignored':
    '{node} は MLDv1 クエリを無視します。force_mld_version = 2 により MLDv2 のみを使うので、(偽造かもしれない) MLDv1 クエリで MLDv1 に切り替わることはありません。',
  'drop.dad-ns-destination': '{node} は始点 :: の近隣要請 (NS) を無視します: DAD のプローブはターゲットの要請ノードマルチキャストアドレス宛でなければなりません。',
  'drop.dad-ns-slla': '{node} は始点 :: の近隣要請 (NS) を無視します: DAD のプローブに送信元リンクレイヤアドレスオプションを含めてはいけません。',
  'drop.idgen-retries': '{node} は安定アドレスの生成をあきらめます: 再試行がすべて重複でした (IDGEN_RETRIES を使い切りました)。',
  'drop.pio-autoconf-off': '{node} はプレフィックスからアドレスを作りません: このインタフェースでは autoconf が無効です。',
  'drop.pio-link-local': '{node} はプレフィックス情報からアドレスを作りません: リンクローカルプレフィックスは SLAAC では無視します。',
  'drop.pio-multicast': '{node} はプレフィックス情報からアドレスを作りません: マルチキャストのプレフィックスです。',
  'drop.pio-preferred-gt-valid': '{node} はプレフィックス情報を無視します: 推奨期間が有効期間より長くなっています。',
  'drop.pio-prefix-length': '{node} はプレフィックスからアドレスを作りません: プレフィックス長と 64 ビットのインタフェース識別子の合計が 128 ビットになりません。',
  'drop.pio-new-valid-zero': '{node} は有効期間 0 の新しいプレフィックスを無視します。',
  'drop.pio-address-exists': '{node} はこのプレフィックスから作られるアドレスを既に持っています。',
  'drop.redirect-on-router': '{node} はルータです: ルータはリダイレクトで経路を変えません。',
  'drop.redirect-disabled': '{node} はリダイレクトを無視します: accept_redirects が無効です。',
  'drop.forward-no-route':
    '{node} はパケットを転送しません。宛先への経路 (そのプレフィックスの自分のアドレスも静的経路も) がないからです。実際のルータなら ICMPv6 Destination Unreachable を返します。',
  'drop.forward-hop-limit':
    '{node} はパケットを転送しません。ホップリミットが 0 になってしまうからです (実際のルータは traceroute が使う ICMPv6 Time Exceeded を返します)。',
  'drop.forward-link-local':
    '{node} はパケットを転送しません。送信元か宛先がリンクローカルアドレスのパケットを、ルータは他のリンクにも同じリンクにも転送しません。',
  'drop.redirect-not-first-hop':
    '{node} はリダイレクトを無視します: その宛先に {node} が使っているルータから来たものではないので、誰でも送れてしまいます。',
  'drop.temporary-preferred-too-short': '{node} は一時アドレスを作りません: プレフィックスの推奨期間が短すぎます。',
  'drop.temporary-idgen-retries': '{node} は一時アドレスをあきらめます: 新しいアドレスが DAD に失敗し続けました。',
  'drop.decode': '{node} はフレームを解読できません: {reason}。',
  'drop.generic': '{node} はフレームを無視します: {reason}。',

  // ---------------------------------------------------------- 規則違反
  'violation.icmpv6-checksum': 'ICMPv6 チェックサムが正しくありません: メッセージが壊れているので、受信側は破棄します。',
  'violation.nd-fragmented': 'ND メッセージがフラグメントで届きました: フラグメントは RA-Guard をすり抜けるのに使われるので、受信側は破棄します。',
  'violation.rs-hop-limit': 'ルータ要請 (RS) のホップ制限が 255 ではなく、リンク外から来た可能性があります: 受信側は破棄します。',
  'violation.rs-code': 'ルータ要請 (RS) の ICMP コードが 0 ではありません: 受信側は破棄します。',
  'violation.rs-length': 'ルータ要請 (RS) が 8 バイト未満です: 受信側は破棄します。',
  'violation.rs-unspecified-source-slla': '始点 :: のルータ要請 (RS) に送信元リンクレイヤアドレスオプションを含めてはいけません: 受信側は破棄します。',
  'violation.ra-hop-limit': 'ルータ広告 (RA) のホップ制限が 255 ではなく、リンク外から来た可能性があります: ホストは破棄します。',
  'violation.ra-code': 'ルータ広告 (RA) の ICMP コードが 0 ではありません: ホストは破棄します。',
  'violation.ra-length': 'ルータ広告 (RA) が 16 バイト未満です: ホストは破棄します。',
  'violation.ra-source-not-link-local': 'ルータ広告 (RA) の始点がリンクローカルアドレスではありません: ルータはリンクローカルアドレスで識別されるので、ホストは破棄します。',
  'violation.ns-hop-limit': '近隣要請 (NS) のホップ制限が 255 ではなく、リンク外から来た可能性があります: 受信側は破棄します。',
  'violation.ns-code': '近隣要請 (NS) の ICMP コードが 0 ではありません: 受信側は破棄します。',
  'violation.ns-length': '近隣要請 (NS) が 24 バイト未満です: 受信側は破棄します。',
  'violation.ns-target-multicast': '近隣要請 (NS) のターゲットがマルチキャストアドレスです: 受信側は破棄します。',
  'violation.ns-dad-destination': '始点 :: の近隣要請 (DAD のプローブ) は要請ノードマルチキャストアドレス宛でなければなりません: 受信側は破棄します。',
  'violation.ns-dad-slla': '始点 :: の近隣要請 (DAD のプローブ) に送信元リンクレイヤアドレスオプションを含めてはいけません: 受信側は破棄します。',
  'violation.na-hop-limit': '近隣広告 (NA) のホップ制限が 255 ではなく、リンク外から来た可能性があります: 受信側は破棄します。',
  'violation.na-code': '近隣広告 (NA) の ICMP コードが 0 ではありません: 受信側は破棄します。',
  'violation.na-length': '近隣広告 (NA) が 24 バイト未満です: 受信側は破棄します。',
  'violation.na-target-multicast': '近隣広告 (NA) のターゲットがマルチキャストアドレスです: 受信側は破棄します。',
  'violation.na-solicited-multicast': 'マルチキャスト宛の近隣広告 (NA) で S=1 になっています。要請への応答はユニキャストだけなので、受信側は破棄します。',
  'violation.redirect-hop-limit': 'リダイレクトのホップ制限が 255 ではなく、リンク外から来た可能性があります: ホストは破棄します。',
  'violation.redirect-code': 'リダイレクトの ICMP コードが 0 ではありません: ホストは破棄します。',
  'violation.redirect-length': 'リダイレクトが 40 バイト未満です: ホストは破棄します。',
  'violation.redirect-source-not-link-local': 'リダイレクトの始点がリンクローカルアドレスではありません: ホストは破棄します。',
  'violation.redirect-target': 'リダイレクトのターゲットがリンクローカルアドレスでも宛先自身でもありません: ホストは破棄します。',
  'violation.redirect-destination-multicast': 'リダイレクトの宛先がマルチキャストアドレスです: ホストは破棄します。',
  'violation.lladdr-length': 'リンクレイヤアドレスオプションが Ethernet に必要な 6 バイトではありません: 受信側はメッセージを破棄します。',
  'violation.slla-mismatch':
    'Ethernet の送信元と送信元リンクレイヤアドレスオプションが異なります: 規則上は許されます (プロキシなど) が、なりすましの兆候として疑わしい状態です。',
  'violation.pio-prefix-length': 'プレフィックス情報のプレフィックス長が 128 を超えています: ホストはそのオプションを無視します。',
  'violation.pio-lifetimes': 'プレフィックス情報の推奨期間が有効期間より長くなっています: ホストは SLAAC でこれを無視します。',
  'violation.rio-prefix-length': '経路情報オプションのプレフィックス長が 128 を超えています: ホストは無視します。',
  'violation.rio-length': '経路情報オプションがプレフィックス長に対して短すぎます: ホストは無視します。',
  'violation.mld-hop-limit': 'MLD メッセージのホップ制限が 1 ではありません: 受信側は破棄します。',
  'violation.mld-source-not-link-local': 'MLD メッセージの始点がリンクローカルアドレスではありません (:: はレポートでのみ可): 受信側は破棄します。',
  'violation.mld-router-alert': 'MLD メッセージにルータアラートオプションがありません: 受信側は破棄します。',
  'violation.unknown': '規則 {rule} に違反しています: {message}。',

  // --------------------------------------------------------------- 用語
  'term.tentative': '仮 (tentative)',
  'term.optimistic': '楽観的 (optimistic)',
  'term.preferred': '推奨 (preferred)',
  'term.deprecated': '非推奨 (deprecated)',
  'term.duplicate': '重複 (duplicate)',
  'term.invalid': '無効 (invalid)',
  'term.high': 'High',
  'term.medium': 'Medium',
  'term.low': 'Low',
  'term.reserved': '予約値 (Medium として扱う)',
  'term.infinite': '無期限',
  'term.seconds': '{n} 秒',
  'term.none': 'なし',
  'term.all-groups': '全グループ',
  'term.removed': '削除',
  'term.on': 'オン',
  'term.off': 'オフ',
};

/** ライブトラッカー (ndsim annotate / sniff) の警告と状態変化の理由
 *  (keys.ts の LIVE_KEYS)。プレースホルダは英語版 LIVE_EN と同じ集合。 */
export const LIVE_JA: LiveCatalog = {
  'live.alert.new-station': 'リンク上に新しいステーション {mac} が現れました。',
  'live.alert.new-router': 'リンク上に新しいルータ {mac} ({router}) が現れました。',
  'live.alert.rogue-router': '{mac} ({router}) がルータ広告 (RA) を送っていますが、許可されたルータではありません。',
  'live.alert.ra-changed': '{mac} がルータ広告 (RA) の内容を変えました: {changes}。',
  'live.alert.router-lifetime-zero': '{mac} ({router}) が、もうデフォルトルータではないと告げています (Router Lifetime 0)。',
  'live.alert.wrong-prefix': '{mac} がプレフィックス {prefix} を広告していますが、許可されたプレフィックスではありません。',
  'live.alert.dad-dos.probe':
    '{by} が {target} の重複アドレス検出 (DAD) に自分の DAD プローブで応答しましたが、そのアドレスを使ったことはありません。そのため {prober} はこのアドレスを設定できません。',
  'live.alert.dad-dos.na':
    '{by} が {target} の重複アドレス検出 (DAD) に近隣広告 (NA) で応答しましたが、そのアドレスを使ったことはありません。そのため {prober} はこのアドレスを設定できません。',
  'live.alert.duplicate-address': '{prober} は {target} を使えません: {by} がすでに使っています。',
  'live.alert.address-moved': '{address} の持ち主が {from} から {mac} に移りました。',
  'live.alert.flip-flop': '{address} の持ち主が {from} から、以前の持ち主 {mac} に戻りました。',
  'live.alert.ethernet-mismatch.source': 'Ethernet の送信元 {ethSrc} からの {msg} が、異なる送信元リンク層アドレス {option} を含んでいます。',
  'live.alert.ethernet-mismatch.target': 'Ethernet の送信元 {ethSrc} からの {msg} が、異なるターゲットリンク層アドレス {option} を含んでいます。',
  'live.alert.bad-hop-limit': '{src} からの {msg} のホップリミットが 255 ではなく {hopLimit} です: 転送されたか偽造されたものです。',
  'live.alert.bad-checksum': '{src} からの ICMPv6 タイプ {type} のチェックサムが誤っています。',
  'live.alert.malformed': '{src} からの ICMPv6 の形式が不正です ({reason})。',
  'live.alert.malformed-ethernet': 'フレームが Ethernet フレームとしては短すぎます: {reason}。',
  'live.alert.ra-flood': '{windowMs} ms 以内にルータ広告 (RA) が {threshold} 個を超えました: フラッド攻撃です。',
  'live.alert.ns-flood': '{windowMs} ms 以内に近隣要請 (NS) が {threshold} 個を超えました: フラッド攻撃です。',
  'live.alert.rs-flood': '{windowMs} ms 以内にルータ要請 (RS) が {threshold} 個を超えました: フラッド攻撃です。',
  'live.alert.table-pressure': '{table} テーブルが満杯です ({cap} エントリ): 場所を空けるため、最も長く見ていない {evicted} 件を忘れました。',
  'live.alert.folded': '{message} (前回の報告以降 {count} 回)',

  'live.reason.nc-resolve': '{requester} が {target} のMACアドレスを問い合わせています。',
  'live.reason.na-incomplete-solicited': '{target} のMACアドレスは {mac} です。',
  'live.reason.nc-failed': '{target} についての {solicitations} 回の近隣要請 (NS) に応答がありませんでした。',
  'live.reason.dad-started': '{mac} が {target} を誰も使っていないか確かめています。',
  'live.reason.dad-succeeded': '{transmits} × RetransTimer の間、{probes} 回の DAD プローブに誰も応答しませんでした。',
  'live.reason.dad-failed.probed-too': '{mac} も {target} をプローブしました。',
  'live.reason.dad-failed.already-probing': '{mac} がすでに {target} をプローブしていました。',
  'live.reason.dad-failed.answered': '{mac} が {target} について応答しました。',
  'live.reason.router-new': '{mac} が自分をルータとして広告しています。',
  'live.reason.router-lifetime': 'Router Lifetime は {lifetime} 秒です。',
  'live.reason.router-expired': '{mac} から有効期間 {lifetime} 秒の間にルータ広告 (RA) が届きませんでした。',
  'live.reason.prefix-new': '{router} が {prefix} を広告しています。',
  'live.reason.prefix-withdrawn': '{router} が {prefix} を取り下げました。',
  'live.reason.prefix-expired': '{prefix} の有効期間が切れました。',
  'live.reason.binding-moved': '{address} の持ち主が {from} から {mac} に移りました。',
  'live.reason.binding-learnt': '{mac} が {address} を使っています。',

  // live.alert.ra-changed の {changes} の項目 (「、」で連結)。文末の「です・ます」は付けず、
  // フィールド名は RFC の名前が分かるように残す。値の単位は RFC 4861 §4.2 / §4.6.2 のもの。
  'live.ra-diff.flag-set': '{flag} フラグ オフ → オン',
  'live.ra-diff.flag-cleared': '{flag} フラグ オン → オフ',
  'live.ra-diff.preference': '優先度 (Preference) {from} → {to}',
  'live.ra-diff.router-lifetime': 'ルータライフタイム {from} → {to} 秒',
  'live.ra-diff.hop-limit': 'ホップリミット {from} → {to}',
  'live.ra-diff.reachable-time': '到達可能時間 (ReachableTime) {from} → {to} ミリ秒',
  'live.ra-diff.retrans-timer': '再送タイマ (RetransTimer) {from} → {to} ミリ秒',
  'live.ra-diff.mtu': 'MTU オプション {from} → {to}',
  'live.ra-diff.prefix-added': 'プレフィックス {prefix} を追加',
  'live.ra-diff.prefix-gone': 'プレフィックス {prefix} が消えました',
  'live.ra-diff.prefix-flag-set': '{prefix} の {flag} フラグ オフ → オン',
  'live.ra-diff.prefix-flag-cleared': '{prefix} の {flag} フラグ オン → オフ',
  'live.ra-diff.valid-lifetime': '{prefix} の有効ライフタイム {from} → {to} 秒',
  'live.ra-diff.preferred-lifetime': '{prefix} の推奨ライフタイム {from} → {to} 秒',
  'live.ra-diff.rdnss': 'DNS サーバ (RDNSS) {from} → {to}',
  'live.ra-diff.routes': '経路情報 (Route Information) {from} → {to}',
  'live.ra-value.none': 'なし',
  'live.ra-value.prf.high': '高',
  'live.ra-value.prf.medium': '中',
  'live.ra-value.prf.low': '低',
  'live.ra-value.prf.reserved': '予約値',
};
