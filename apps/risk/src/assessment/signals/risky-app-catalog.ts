/**
 * Categories of the risky apps an SDK reports, by package name or bundle id.
 * Rules see categories and counts only: the installed-app list is personal
 * information under MIIT rules, so the names stay in the encrypted snapshot.
 */
export const RISKY_APP_CATEGORIES = ['root_tool', 'hook_framework', 'app_cloner', 'gps_spoofer', 'remote_control', 'automation', 'other'] as const;
export type RiskyAppCategory = (typeof RISKY_APP_CATEGORIES)[number];

const CATALOG: Record<string, RiskyAppCategory> = {
  'com.topjohnwu.magisk': 'root_tool',
  'eu.chainfire.supersu': 'root_tool',
  'com.noshufou.android.su': 'root_tool',
  'com.koushikdutta.superuser': 'root_tool',
  'me.weishu.kernelsu': 'root_tool',
  'de.robv.android.xposed.installer': 'hook_framework',
  'org.meowcat.edxposed.manager': 'hook_framework',
  'org.lsposed.manager': 'hook_framework',
  'com.saurik.substrate': 'hook_framework',
  're.frida.server': 'hook_framework',
  'io.va.exposed': 'hook_framework',
  'com.lbe.parallel.intl': 'app_cloner',
  'com.excelliance.dualaid': 'app_cloner',
  'com.parallel.space.lite': 'app_cloner',
  'com.ludashi.dualspace': 'app_cloner',
  'com.bly.dkplat': 'app_cloner',
  'com.polestar.multiaccount': 'app_cloner',
  'com.lexa.fakegps': 'gps_spoofer',
  'com.incorporateapps.fakegps.fre': 'gps_spoofer',
  'com.theappninjas.gpsjoystick': 'gps_spoofer',
  'com.rosteam.gpsemulator': 'gps_spoofer',
  'com.teamviewer.quicksupport.market': 'remote_control',
  'com.anydesk.anydeskandroid': 'remote_control',
  'com.oray.sunlogin': 'remote_control',
  'com.rustdesk.rustdesk': 'remote_control',
  'com.touchsprite.android': 'automation',
  'com.cyjh.mobileanjian': 'automation',
};

export function riskyAppCategory(appId: string): RiskyAppCategory {
  return CATALOG[appId.toLowerCase()] ?? 'other';
}

/** Distinct categories, in catalogue order so the feature is stable. */
export function riskyAppCategories(appIds: readonly string[]): RiskyAppCategory[] {
  const found = new Set(appIds.map(riskyAppCategory));
  return RISKY_APP_CATEGORIES.filter((category) => found.has(category));
}
