// Traditional characters folded to the simplified ones the template is
// written in, so a report published in traditional characters (sites that
// serve a 繁體 version of every page) reads like its simplified original:
// 規章 is 规章, 第二十條第（五）項 is 第二十条第（五）项.
//
// Pairs of traditional → simplified. Only characters that are not in use
// in simplified text themselves (not 著, 乾, 干, 系, 只, 台…), so no
// simplified report changes: the words of the format, its headings and the
// prose the checks read (agencies, dates, applications, appeals).

const PAIRS =
  '國国辦办開开號号試试總总體体況况機机關关貫贯徹彻實实條条動动請请臺台設设監监級级還还應应報报會会評评議议' +
  '責责結结華华統统計计項项規规範范許许處处罰罚強强製制業业費费類类轉转數数頭头註注係系於于復复複复訴诉訟讼' +
  '維维糾纠審审問问題题進进據据內内對对減减決决為为負负務务權权採采購购額额單单錄录標标準准刪删組组織织構构' +
  '個个師师繼继續续義义種种獲获徑径區区這这後后餘余屬属確确穩稳經经濟济護护隱隐損损響响過过討讨論论記记執执' +
  '詢询產产資资無无檢检沒没該该現现補补訪访舉举書书當当頻频顯显圍围認认別别見见獨独銷销違违駁驳終终發发廢废' +
  '佈布門门萬万視视棄弃繳缴納纳戶户編编寫写製制鎮镇縣县鄉乡街街衛卫計计員员幹干黨党導导務务網网絡络點点領领' +
  '預预算算衆众眾众讀读傳传遞递達达辯辩證证據据範范圍围並并們们從从來来時时間间問问題题與与這这麼么樣样' +
  '聯联絡络電电話话郵邮寄寄堅坚態态則则紮扎決决議议員员長长門门區区屆届歷历舊旧氣气節节廣广東东寧宁遼辽陝陕' +
  '蘇苏浙浙閩闽贛赣魯鲁豫豫鄂鄂湘湘粵粤瑪玛貴贵雲云藏藏甘甘青青夏夏疆疆灣湾龍龙吳吴陽阳漢汉贊赞壩坝鄭郑' +
  '擊击傷伤殘残災灾屬属養养醫医療疗藥药衛卫環环營营稅税財财貿贸農农林林漁渔畜畜牧牧礦矿輸输運运鐵铁郵邮' +
  '軍军隊队兵兵僑侨宮宫館馆廳厅處处畫画圖图檔档案案彙汇匯汇錯错誤误漏漏缺缺項项謹谨慎慎嚴严厲厉謀谋劃划' +
  '規规劃划賬账帳帐冊册錢钱幣币價价質质檢检驗验測测試试鑒鉴驗验證证憑凭據据剩剩餘余額额總总綜综合合頁页閉闭';

/** Traditional character code → simplified character code. */
export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  for (let i = 0; i + 1 < PAIRS.length; i += 2) {
    const from = PAIRS.charCodeAt(i);
    const to = PAIRS.charCodeAt(i + 1);
    if (from !== to) map.set(from, to);
  }
  return map;
})();
