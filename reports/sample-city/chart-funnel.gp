# funnel: Alert funnel: from reads to outcomes
# Re-run in this folder with: gnuplot chart-funnel.gp
set terminal svg size 900,520 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-funnel.svg'
set title "Alert funnel: from reads to outcomes\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set label 1 'about 1 in 276 reads raised an alert' at graph 0.98, graph 0.9 right
set ylabel 'records'
set style fill solid 0.85 border -1
set boxwidth 0.6
set xrange [-0.6:3.6]
set bmargin 4
set xtics ("reads" 0, "alerts\n(hits)" 1, "confirmed\nalerts" 2, "alerts with any\nrecorded outcome" 3)
set yrange [0:200000]
set ytics ("0" 0, "50,000" 50000, "100,000" 100000, "150,000" 150000, "200,000" 200000)
plot 'chart-funnel.dat' using 0:2 with boxes lc rgb '#0072B2', \
     '' using 0:($2 > 0 ? $2 : 0):3 with labels offset 0,0.8
set terminal pngcairo size 900,520 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-funnel.png'
replot
set output
